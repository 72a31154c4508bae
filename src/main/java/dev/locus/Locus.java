package dev.locus;

import dev.locus.admission.ManagedClasses;
import dev.locus.admission.SchedulerNameDecision;
import dev.locus.admission.SchedulerNameWebhook;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ClusterState;
import dev.locus.cluster.live.LiveClusterState;
import dev.locus.config.LocusConfig;
import dev.locus.config.MonitorSettings;
import dev.locus.http.ExtenderServer;
import dev.locus.http.LocusMetrics;
import dev.locus.http.WebhookServer;
import dev.locus.locality.CaffeineVolumeLocalityIndex;
import dev.locus.monitor.HealthMonitor;
import dev.locus.placement.PlacementEngine;
import dev.locus.placement.PolicyResolver;
import dev.locus.placement.ProximityScore;
import dev.locus.topology.TopologyIndexes;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.LoggerFactory;

/** A running Locus: wires config, cluster state, placement and the HTTP server together. */
public final class Locus implements AutoCloseable {

    /** Most volumes whose merged placement is cached; ~200 bytes each, so ~40 MB at the bound. */
    static final long LOCALITY_CACHE_SIZE = 200_000;

    /** Longest wait for each shutdown step (server, Vert.x), seconds. */
    static final long CLOSE_TIMEOUT_SECONDS = 10;

    private final Vertx vertx;
    private final ExtenderServer server;
    private final WebhookServer webhook;
    private final LocusMetrics metrics;
    private final HealthMonitor monitor;

    private Locus(Vertx vertx, ExtenderServer server, WebhookServer webhook, LocusMetrics metrics,
                  HealthMonitor monitor) {
        this.vertx = vertx;
        this.server = server;
        this.webhook = webhook;
        this.metrics = metrics;
        this.monitor = monitor;
    }

    /** Builds Locus on its own Vert.x instance; call {@link #start()} to serve. */
    public static Locus create(LocusConfig config, ClusterState cluster) {
        return create(new VertxOptions(), config, cluster);
    }

    /** Builds Locus on its own Vert.x instance made with {@code options} (tests tighten the blocked-thread check). */
    public static Locus create(VertxOptions options, LocusConfig config, ClusterState cluster) {
        Vertx vertx = Vertx.vertx(options);
        LocusMetrics metrics = new LocusMetrics();
        var index = new CaffeineVolumeLocalityIndex(CaffeineVolumeLocalityIndex.defaultSources(), LOCALITY_CACHE_SIZE);
        metrics.bindCache("locality", index.cache());
        metrics.bindReadiness(cluster::ready);
        metrics.bindClusterState(cluster);
        cluster.addListener(index::onChange);
        PlacementEngine engine = engine(config, index);
        // Precompute tier arrays off the request path, now and after every published snapshot;
        // a request arriving meanwhile computes what it needs itself.
        AtomicBoolean warming = new AtomicBoolean();
        if (cluster.ready()) {
            warm(vertx, engine, cluster.current(), warming);
        }
        cluster.addListener(change -> warm(vertx, engine, change.snapshot(), warming));
        HealthMonitor monitor = monitor(config, cluster, index, metrics);
        return new Locus(vertx, new ExtenderServer(vertx, config, cluster, engine, metrics,
                monitor == null ? HealthMonitor::disabledJson : monitor::reportJson),
                webhook(vertx, config, cluster, metrics), metrics, monitor);
    }

    /** The schedulerName admission webhook, or null when {@code webhook.port} is 0. */
    private static WebhookServer webhook(Vertx vertx, LocusConfig config, ClusterState cluster, LocusMetrics metrics) {
        if (!config.webhook().enabled()) {
            return null;
        }
        var decision = new SchedulerNameDecision(config.webhook().schedulerName(),
                new ManagedClasses(config.webhook().provisioners()));
        return new WebhookServer(vertx, config, cluster, new SchedulerNameWebhook(decision), metrics.registry());
    }

    /** The storage health monitor, when {@code monitor.enabled} and the cluster is live; else null. */
    private static HealthMonitor monitor(LocusConfig config, ClusterState cluster,
                                         CaffeineVolumeLocalityIndex index, LocusMetrics metrics) {
        if (!config.monitor().enabled()) {
            return null;
        }
        if (!(cluster instanceof LiveClusterState live)) {
            LoggerFactory.getLogger(Locus.class).warn("{} is set, but the health monitor needs live mode; it is off",
                    MonitorSettings.ENABLED);
            return null;
        }
        return HealthMonitor.start(live.client(), config.monitor(), cluster, index,
                new PolicyResolver(config.defaultPolicy()), metrics.registry());
    }

    /** One warm-up at a time: under churn a skipped snapshot is covered by the next one's. */
    private static void warm(Vertx vertx, PlacementEngine engine, ClusterSnapshot snapshot, AtomicBoolean warming) {
        if (!warming.compareAndSet(false, true)) {
            return;
        }
        vertx.executeBlocking(() -> {
            try {
                engine.warm(snapshot);
            } finally {
                warming.set(false);
            }
            return null;
        }, false);
    }

    /** The placement engine {@code config} describes, over a locality index. */
    static PlacementEngine engine(LocusConfig config, CaffeineVolumeLocalityIndex locality) {
        return new PlacementEngine(PlacementEngine.defaultFilters(), locality,
                new PolicyResolver(config.defaultPolicy()), new TopologyIndexes(config.rackLabel(), config.topology()),
                new ProximityScore(config.tiers(), config.degradedPenalty()));
    }

    /** Starts serving (the extender port, then the webhook's if configured); completes with the extender port. */
    public Future<Integer> start() {
        return server.start().compose(port -> webhook == null ? Future.succeededFuture(port)
                : webhook.start().map(port));
    }

    public LocusMetrics metrics() {
        return metrics;
    }

    /**
     * Stops the server, then Vert.x, waiting for both. Not chained with {@code eventually}:
     * the chained future would complete on an event loop that vertx.close() has just shut
     * down, and join() would wait forever.
     */
    @Override
    public void close() {
        if (monitor != null) {
            monitor.close();
        }
        if (webhook != null) {
            await(webhook.stop());
        }
        await(server.stop());
        await(vertx.close());
    }

    private static void await(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(CLOSE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LoggerFactory.getLogger(Locus.class).warn("shutdown step did not complete cleanly: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
