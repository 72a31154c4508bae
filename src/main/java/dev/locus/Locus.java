package dev.locus;

import dev.locus.cluster.ClusterState;
import dev.locus.config.LocusConfig;
import dev.locus.http.ExtenderServer;
import dev.locus.http.LocusMetrics;
import dev.locus.locality.CaffeineVolumeLocalityIndex;
import dev.locus.placement.PlacementEngine;
import dev.locus.placement.PolicyResolver;
import dev.locus.placement.ProximityScorer;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/** A running Locus: wires config, cluster state, placement and the HTTP server together. */
public final class Locus implements AutoCloseable {

    /** Most volumes whose merged placement is cached; ~200 bytes each, so ~40 MB at the bound. */
    static final long LOCALITY_CACHE_SIZE = 200_000;

    private final Vertx vertx;
    private final ExtenderServer server;
    private final LocusMetrics metrics;

    private Locus(Vertx vertx, ExtenderServer server, LocusMetrics metrics) {
        this.vertx = vertx;
        this.server = server;
        this.metrics = metrics;
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
        PlacementEngine engine = new PlacementEngine(PlacementEngine.defaultFilters(), index,
                new PolicyResolver(config.defaultPolicy()), new ProximityScorer(config.rackLabel()));
        return new Locus(vertx, new ExtenderServer(vertx, config, cluster, engine, metrics), metrics);
    }

    /** Starts serving; completes with the bound port. */
    public Future<Integer> start() {
        return server.start();
    }

    public LocusMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        // Two joins, not stop().eventually(vertx::close): a future chained on the server's context
        // would be completed on an event loop that vertx.close() has already terminated, and never complete.
        try {
            server.stop().toCompletionStage().toCompletableFuture().join();
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
