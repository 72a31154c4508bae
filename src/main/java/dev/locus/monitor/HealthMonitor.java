package dev.locus.monitor;

import dev.locus.cluster.ClusterState;
import dev.locus.config.MonitorSettings;
import dev.locus.locality.VolumeLocalityIndex;
import dev.locus.placement.PolicyResolver;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves pods off failed storage (docs/health-monitor.md). Every Locus replica runs one; the
 * replica holding the Lease ({@link Leadership}) watches pods and runs a {@link MonitorPass}
 * every {@code monitor.intervalSeconds}; the others stand by, watching nothing.
 *
 * <p>Design: the pass reads the same immutable snapshot placement reads (node annotations,
 * CSINodes, replicas, PVs and claims) and the same locality index, so "where is the data"
 * has one answer in Locus. Pods are the monitor's own informers ({@link MonitorPods}: Locus's
 * pods only, selected by the API server), started only while it leads.
 * Everything a pass does runs on one thread, so the grace clocks, budgets and back-offs
 * need no locking; a new term of leadership starts them afresh (a new leader waits out full
 * grace periods: it never acts on a failure it has not seen last).
 */
public final class HealthMonitor implements AutoCloseable {

    /**
     * Oldest view of the cluster the monitor acts on, seconds: a watched kind out of sync for
     * longer (API server unreachable, watch lost) stops the passes until it is back. Three
     * default passes; far below any grace period, so a failure seen through a stale snapshot
     * (or a recovery not seen) never evicts.
     */
    static final double STALE_SECONDS = 30;

    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private final KubernetesClient client;
    /** The same API server, without fabric8's retries: for evictions ({@link PodEvictor#withoutRetries}). */
    private final KubernetesClient evictions;
    private final MonitorSettings settings;
    private final ClusterState cluster;
    private final Planner planner;
    private final MonitorMetrics metrics;
    private final Clock clock;
    private final String identity;
    private final ScheduledExecutorService thread;
    private final Leadership leadership;
    private volatile boolean leading;
    private volatile String leader = "";
    private volatile MonitorReport last;
    /** Whether the last check found the view stale (the monitor's thread only). */
    private boolean paused;
    private MonitorPods pods;
    private MonitorPass pass;
    private ScheduledFuture<?> passes;

    HealthMonitor(KubernetesClient client, MonitorSettings settings, ClusterState cluster, VolumeLocalityIndex index,
                  PolicyResolver policies, MeterRegistry registry, Clock clock, String identity,
                  Leadership.Timing timing) {
        this.client = client;
        this.evictions = PodEvictor.withoutRetries(client);
        this.settings = settings;
        this.cluster = cluster;
        this.planner = new Planner(index, policies);
        this.metrics = new MonitorMetrics(registry);
        this.clock = clock;
        this.identity = identity;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "locus-monitor");
            t.setDaemon(true);
            return t;
        });
        this.leadership = new Leadership(client, settings.leaseNamespace(), settings.leaseName(), identity, timing,
                new Leadership.Listener() {
                    @Override
                    public void started() {
                        thread.execute(HealthMonitor.this::lead);
                    }

                    @Override
                    public void stopped() {
                        thread.execute(HealthMonitor.this::standBy);
                    }

                    @Override
                    public void leaderIs(String identity) {
                        leader = identity;
                    }
                }, thread);
    }

    /**
     * Starts the monitor: contends for the Lease, and acts while it holds it. Returns at once.
     *
     * @param client   the API client live mode uses
     * @param index    the locality index placement uses
     * @param policies the locality policy resolver placement uses
     * @param registry Locus's meter registry
     */
    public static HealthMonitor start(KubernetesClient client, MonitorSettings settings, ClusterState cluster,
                                      VolumeLocalityIndex index, PolicyResolver policies, MeterRegistry registry) {
        HealthMonitor monitor = new HealthMonitor(client, settings, cluster, index, policies, registry,
                Clock.systemUTC(), identity(), Leadership.Timing.DEFAULT);
        monitor.begin();
        return monitor;
    }

    /** The pod's name (HOSTNAME) and a random suffix: unique even across restarts of one pod. */
    private static String identity() {
        String host = System.getenv("HOSTNAME");
        return (host == null || host.isBlank() ? "locus" : host) + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    void begin() {
        LOG.info("health monitor on (dryRun={}, rebalance={}); contending for lease {}/{} as {}", settings.dryRun(),
                settings.rebalance(), settings.leaseNamespace(), settings.leaseName(), identity);
        leadership.start();
    }

    private void lead() {
        LOG.info("{} leads the health monitor: watching pods, a pass every {} s", identity,
                settings.interval().toSeconds());
        leading = true;
        metrics.leader(true);
        pods = MonitorPods.start(client, settings.schedulerNames(), settings.rebalance());
        EvictionBudget budget = new EvictionBudget(settings);
        EventRecorder events = new EventRecorder(evictions, identity, clock); // no retries: a pass never stalls on them
        pass = new MonitorPass(settings, planner, new PodEvictor(evictions, settings.dryRun(), budget, events, metrics),
                budget, events, metrics);
        passes = thread.scheduleWithFixedDelay(this::runPass, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void standBy() {
        if (!leading) {
            return;
        }
        LOG.info("{} no longer leads the health monitor: standing by", identity);
        leading = false;
        metrics.leader(false);
        metrics.pass(Map.of(), 0, 0, 0); // a stand-by reports nothing: alerts sum over replicas
        passes.cancel(false);
        pods.close();
        pods = null;
        pass = null;
    }

    private void runPass() {
        if (!leading || !pods.synced() || !cluster.ready() || stale()) {
            return;
        }
        try {
            List<PodFacts> facts = pods.pods().stream().map(PodFacts::of).toList();
            last = pass.run(cluster.current(), facts, clock.instant());
        } catch (RuntimeException e) {
            LOG.error("health monitor pass failed; trying again in {} s", settings.interval().toSeconds(), e);
        }
    }

    /**
     * True when a watched kind has been out of sync longer than {@link #STALE_SECONDS}; the pause
     * and its end are logged once each (the cluster state itself warns about staleness, rate-limited).
     */
    private boolean stale() {
        List<String> stale = cluster.kinds().stream().filter(k -> k.ageSeconds() > STALE_SECONDS)
                .map(k -> k.kind() + " (" + Math.round(k.ageSeconds()) + " s)").toList();
        if (!stale.isEmpty() && !paused) {
            LOG.warn("health monitor paused: Locus's view of {} is stale; no pass until it is current", stale);
        } else if (stale.isEmpty() && paused) {
            LOG.info("health monitor resumed: Locus's view of the cluster is current again");
        }
        paused = !stale.isEmpty();
        return paused;
    }

    /** Runs a pass now, on the monitor's thread; completes with its report (null when not leading or not synced). */
    CompletableFuture<MonitorReport> passNow() {
        return CompletableFuture.supplyAsync(() -> {
            MonitorReport before = last;
            runPass();
            return last == before ? null : last;
        }, thread);
    }

    /** True once this replica leads and its pod informer has synced (asked on the monitor's thread). */
    boolean podsSynced() {
        return CompletableFuture.supplyAsync(() -> leading && pods != null && pods.synced(), thread).join();
    }

    /** True while this replica holds the Lease. */
    public boolean leading() {
        return leading;
    }

    /** The body of {@code GET /monitor}: leadership, settings in force, and the latest pass. */
    public String reportJson() {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("enabled", true);
        header.put("identity", identity);
        header.put("leader", leading);
        header.put("leaderIdentity", leader);
        header.put("dryRun", settings.dryRun());
        header.put("rebalance", settings.rebalance());
        MonitorReport report = leading ? last : null;
        if (report == null) {
            header.put("decisions", List.of());
            return MonitorReport.write(header);
        }
        return report.json(header);
    }

    /** The body of {@code GET /monitor} when the monitor is off. */
    public static String disabledJson() {
        return MonitorReport.write(Map.of("enabled", false));
    }

    /** Releases the Lease (a stand-by takes over at once) and stops watching. */
    @Override
    public void close() {
        leadership.close();
        try {
            thread.submit(this::standBy).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.debug("monitor stop: {}", e.toString());
        }
        thread.shutdownNow();
        evictions.close();
    }
}
