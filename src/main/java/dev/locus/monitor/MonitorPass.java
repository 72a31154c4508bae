package dev.locus.monitor;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ObjectKey;
import dev.locus.config.MonitorSettings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One pass of the monitor over a snapshot and the pods: detect failures, track their grace,
 * plan, hand the proposals to the {@link PodEvictor}, report. Holds the state that lives from
 * pass to pass (grace clocks, budgets, what was already reported) for one term of leadership:
 * a new leader starts a new pass object, and so waits out full grace periods before acting.
 *
 * <p>Single-threaded: the monitor runs passes one at a time on its own thread; time is the
 * {@code now} each pass is given.
 */
final class MonitorPass {

    /** Skip reasons that get an Event on the pod (once per pod): the ones a person must act on. */
    static final Set<String> REPORTED = Set.of(MonitorReasons.BARE_POD, MonitorReasons.NO_HEALTHY_COPY);

    private final MonitorSettings settings;
    private final Planner planner;
    private final PodEvictor evictor;
    private final EvictionBudget budget;
    private final EventRecorder events;
    private final MonitorMetrics metrics;
    private final GraceTracker grace;
    /** "uid/reason" of skips already counted (and reported): once per pod and reason. */
    private final Set<String> seenSkips = new HashSet<>();

    MonitorPass(MonitorSettings settings, Planner planner, PodEvictor evictor, EvictionBudget budget,
                EventRecorder events, MonitorMetrics metrics) {
        this.settings = settings;
        this.planner = planner;
        this.evictor = evictor;
        this.budget = budget;
        this.events = events;
        this.metrics = metrics;
        this.grace = new GraceTracker(settings);
    }

    /**
     * Runs one pass over {@code allPods}: the monitor's pods, or every pod when rebalancing (its
     * room check counts every pod's requests); the monitor's own are picked by scheduler name.
     */
    MonitorReport run(ClusterSnapshot snapshot, List<PodFacts> allPods, Instant now) {
        List<PodFacts> mine = allPods.stream().filter(p -> settings.schedulerNames().contains(p.schedulerName())).toList();
        List<GraceTracker.Tracked> failures = grace.update(
                FailureDetector.observe(snapshot, Planner.neededDrivers(snapshot, mine)), now);
        List<Decision> decisions = planner.plan(snapshot, mine, failures, now);
        if (settings.rebalance()) {
            Set<String> failing = failures.stream().map(t -> t.failure().node()).collect(Collectors.toSet());
            decisions = rebalance(decisions, NodeRoom.of(snapshot, allPods, failing), mine);
        }
        List<Decision> acted = act(decisions, now);
        report(acted);
        budget.retain(allPods.stream().map(PodFacts::key).collect(Collectors.toSet()));
        evictor.retain(allPods.stream().map(PodFacts::uid).collect(Collectors.toSet()));
        publish(acted, failures);
        return new MonitorReport(now, snapshot.generation(), failures, acted);
    }

    /**
     * Drifted pods that the planner's owner rules let move ({@link Planner#ownerRefusal}), with
     * room on a healthy replica node, become proposals.
     */
    private static List<Decision> rebalance(List<Decision> decisions, NodeRoom room, List<PodFacts> pods) {
        Map<ObjectKey, PodFacts> byKey = pods.stream().collect(Collectors.toMap(PodFacts::key, Function.identity(),
                (a, b) -> a));
        List<Decision> result = new ArrayList<>(decisions.size());
        for (Decision d : decisions) {
            PodFacts pod = byKey.get(d.pod());
            if (d.verdict() != Decision.Verdict.DRIFT || Planner.ownerRefusal(pod) != null) {
                result.add(d);
            } else if (d.replicaNodes().stream().anyMatch(n -> room.fits(n, pod))) {
                result.add(new Decision(d.pod(), d.uid(), d.node(), Decision.Verdict.EVICT, MonitorReasons.REBALANCE,
                        d.message(), d.failures(), d.replicaNodes(), null));
            } else {
                result.add(new Decision(d.pod(), d.uid(), d.node(), Decision.Verdict.DRIFT, MonitorReasons.NO_ROOM,
                        d.message() + "; no replica node has room", d.failures(), d.replicaNodes(), null));
            }
        }
        return result;
    }

    /** Proposals in a fixed order (failed storage first, then rebalancing; by pod), each through the evictor. */
    private List<Decision> act(List<Decision> decisions, Instant now) {
        Comparator<Decision> order = Comparator.comparing((Decision d) -> !MonitorReasons.STORAGE_FAILED.equals(d.reason()))
                .thenComparing(d -> d.pod().toString());
        return decisions.stream().sorted(order)
                .map(d -> d.verdict() == Decision.Verdict.EVICT ? d.withOutcome(evictor.evict(d, now)) : d)
                .toList();
    }

    /** Counts each pod's entry into a skip reason once, and writes an Event for those a person must handle. */
    private void report(List<Decision> decisions) {
        Set<String> current = new HashSet<>();
        for (Decision d : decisions) {
            String reason = skipReason(d);
            if (reason == null) {
                continue;
            }
            String key = d.uid() + "/" + reason;
            current.add(key);
            if (seenSkips.add(key)) {
                metrics.skipStarted(reason);
                announce(d, reason);
            }
        }
        seenSkips.retainAll(current);
    }

    private void announce(Decision d, String reason) {
        if (settings.dryRun() || !REPORTED.contains(reason)) {
            return;
        }
        events.onPod(d.pod(), d.uid(), "Warning", EventRecorder.NOT_EVICTED,
                "Storage on " + d.node() + " failed (" + String.join(", ", d.failures()) + ") but the Locus health "
                        + "monitor will not evict this pod (" + reason + "): " + d.message());
        events.onNode(d.node(), "Warning", EventRecorder.STORAGE_FAILED, "Pod " + d.pod() + " stays on failed storage ("
                + reason + "): " + d.message());
    }

    /** The reason a pod is left alone this pass, or null when it is not. */
    static String skipReason(Decision d) {
        if (d.verdict() == Decision.Verdict.SKIP || MonitorReasons.NO_ROOM.equals(d.reason())) {
            return d.reason();
        }
        if (d.outcome() == PodEvictor.Outcome.CLUSTER_BUDGET || d.outcome() == PodEvictor.Outcome.NODE_BUDGET
                || d.outcome() == PodEvictor.Outcome.BACKING_OFF) {
            return d.outcome().label();
        }
        return null;
    }

    private void publish(List<Decision> decisions, List<GraceTracker.Tracked> failures) {
        Map<String, Integer> skipped = new HashMap<>();
        int candidates = 0;
        int drifted = 0;
        for (Decision d : decisions) {
            String reason = skipReason(d);
            if (reason != null) {
                skipped.merge(reason, 1, Integer::sum);
            }
            candidates += d.verdict() == Decision.Verdict.EVICT && MonitorReasons.STORAGE_FAILED.equals(d.reason()) ? 1 : 0;
            drifted += d.verdict() == Decision.Verdict.DRIFT || MonitorReasons.REBALANCE.equals(d.reason()) ? 1 : 0;
        }
        int failingNodes = (int) failures.stream().map(t -> t.failure().node()).distinct().count();
        metrics.pass(skipped, candidates, drifted, failingNodes);
    }
}
