package dev.locus.monitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The monitor's meters, registered on Locus's registry (so {@code /metrics} shows them):
 * <ul>
 *   <li>{@code locus_monitor_evictions_total} (reason, dry_run): evictions done, or only logged in dry-run</li>
 *   <li>{@code locus_monitor_refusals_total}: evictions the API server refused with 429 (a PodDisruptionBudget)</li>
 *   <li>{@code locus_monitor_eviction_errors_total}: evictions that failed otherwise (retried next pass)</li>
 *   <li>{@code locus_monitor_skips_total} (reason): pods that entered a skip reason</li>
 *   <li>{@code locus_monitor_skipped_pods} (reason): pods skipped in the last pass, by reason</li>
 *   <li>{@code locus_monitor_candidates}: pods proposed for eviction in the last pass</li>
 *   <li>{@code locus_monitor_drifted_pods}: pods away from their data on healthy nodes (data drift)</li>
 *   <li>{@code locus_monitor_failing_nodes}: nodes with a storage failure (in grace or confirmed)</li>
 *   <li>{@code locus_monitor_leader}: 1 on the replica that holds the Lease and acts</li>
 * </ul>
 * Every reason is registered at 0, so an alert sees the series from the start.
 */
final class MonitorMetrics {

    /** Every reason a pod can be skipped for, planner and evictor. */
    static final List<String> SKIP_REASONS = List.of(MonitorReasons.IN_GRACE, MonitorReasons.BARE_POD,
            MonitorReasons.DAEMON_SET, MonitorReasons.NO_HEALTHY_COPY, MonitorReasons.UNKNOWN_LOCALITY,
            MonitorReasons.NO_KNOWN_REPLICA, MonitorReasons.TERMINATING, MonitorReasons.NO_ROOM,
            PodEvictor.Outcome.CLUSTER_BUDGET.label(), PodEvictor.Outcome.NODE_BUDGET.label(),
            PodEvictor.Outcome.BACKING_OFF.label());

    private final MeterRegistry registry;
    private final Counter refusals;
    private final Counter errors;
    private final Map<String, AtomicInteger> skipped = new ConcurrentHashMap<>();
    private final AtomicInteger candidates = new AtomicInteger();
    private final AtomicInteger drifted = new AtomicInteger();
    private final AtomicInteger failingNodes = new AtomicInteger();
    private final AtomicInteger leader = new AtomicInteger();

    MonitorMetrics(MeterRegistry registry) {
        this.registry = registry;
        refusals = Counter.builder("locus.monitor.refusals")
                .description("Evictions refused with 429 (a PodDisruptionBudget); the pod backs off").register(registry);
        errors = Counter.builder("locus.monitor.eviction.errors")
                .description("Evictions that failed for another reason; retried on the next pass").register(registry);
        for (String reason : List.of(MonitorReasons.STORAGE_FAILED, MonitorReasons.REBALANCE)) {
            evictions(reason, false);
            evictions(reason, true);
        }
        for (String reason : SKIP_REASONS) {
            AtomicInteger value = new AtomicInteger();
            skipped.put(reason, value);
            Gauge.builder("locus.monitor.skipped.pods", value, AtomicInteger::get)
                    .description("Pods on failed storage left alone in the last pass, by reason")
                    .tag("reason", reason).register(registry);
            skips(reason);
        }
        gauge("locus.monitor.candidates", candidates, "Pods proposed for eviction in the last pass");
        gauge("locus.monitor.drifted.pods", drifted, "Pods on healthy nodes holding none of their volumes' replicas");
        gauge("locus.monitor.failing.nodes", failingNodes, "Nodes with a storage failure, in grace or confirmed");
        gauge("locus.monitor.leader", leader, "1 on the replica holding the monitor's Lease");
    }

    private void gauge(String name, AtomicInteger value, String description) {
        Gauge.builder(name, value, AtomicInteger::get).description(description).register(registry);
    }

    private Counter evictions(String reason, boolean dryRun) {
        return Counter.builder("locus.monitor.evictions")
                .description("Pods evicted by the health monitor (dry_run=true: only logged)")
                .tags("reason", reason, "dry_run", Boolean.toString(dryRun)).register(registry);
    }

    private Counter skips(String reason) {
        return Counter.builder("locus.monitor.skips")
                .description("Pods that entered a skip reason (counted once per pod and reason)")
                .tag("reason", reason).register(registry);
    }

    void evicted(String reason, boolean dryRun) {
        evictions(reason, dryRun).increment();
    }

    void refused() {
        refusals.increment();
    }

    void failed() {
        errors.increment();
    }

    void skipStarted(String reason) {
        skips(reason).increment();
    }

    /** The last pass's counts. */
    void pass(Map<String, Integer> skippedByReason, int candidateCount, int driftedCount, int failingNodeCount) {
        skipped.forEach((reason, value) -> value.set(skippedByReason.getOrDefault(reason, 0)));
        candidates.set(candidateCount);
        drifted.set(driftedCount);
        failingNodes.set(failingNodeCount);
    }

    void leader(boolean leading) {
        leader.set(leading ? 1 : 0);
    }
}
