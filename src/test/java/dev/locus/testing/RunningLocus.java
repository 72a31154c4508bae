package dev.locus.testing;

import dev.locus.Locus;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ClusterState;
import dev.locus.cluster.StaticClusterState;
import dev.locus.config.LocusConfig;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.util.concurrent.TimeUnit;

/** Locus on a random loopback port, with a strict blocked-thread check, for end-to-end tests. */
public final class RunningLocus implements AutoCloseable {

    private final Locus locus;
    private final URI url;

    public RunningLocus(ClusterSnapshot cluster) {
        this(LocusConfig.builder(), cluster);
    }

    public RunningLocus(LocusConfig.Builder config, ClusterSnapshot cluster) {
        this(config, new StaticClusterState(cluster));
    }

    /** Locus over any cluster state (tests that make the state slow or change it). */
    public RunningLocus(LocusConfig.Builder config, ClusterState cluster) {
        VertxOptions strict = new VertxOptions()
                .setBlockedThreadCheckInterval(50).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(100).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS);
        LocusConfig built = config.host("127.0.0.1").port(0).build();
        locus = Locus.create(strict, built, cluster);
        int port = locus.start().toCompletionStage().toCompletableFuture().join();
        url = URI.create((built.tls().enabled() ? "https" : "http") + "://127.0.0.1:" + port + "/");
    }

    public URI url() {
        return url;
    }

    /** Locus's meter registry, read in-process: a scrape over HTTP would itself open a connection. */
    public io.micrometer.core.instrument.MeterRegistry registry() {
        return locus.metrics().registry();
    }

    /** A scheduler-like client with the fixtures' weight, 5. */
    public HttpExtenderClient client() {
        return new HttpExtenderClient(url, 5);
    }

    @Override
    public void close() {
        locus.close();
    }
}
