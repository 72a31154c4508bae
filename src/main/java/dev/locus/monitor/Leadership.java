package dev.locus.monitor;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader election over a {@code coordination.k8s.io} Lease with fabric8's {@link LeaderElector}:
 * exactly one Locus replica acts, the others stand by. fabric8's elector ends after it loses
 * the lease; this class then contends again, so a replica that lost leadership (a long GC
 * pause, an API outage) becomes a stand-by, never a second leader and never idle for good.
 * On close the lease is released, so a rolling update hands over at once.
 */
final class Leadership implements AutoCloseable {

    /**
     * Lease timing. client-go's defaults (15 s lease, 10 s renew deadline, 2 s retry): a dead
     * leader is replaced within ~17 s; tests shorten them.
     */
    record Timing(Duration lease, Duration renewDeadline, Duration retry) {
        static final Timing DEFAULT = new Timing(Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
    }

    /** What happens on gaining and losing the lease. */
    interface Listener {
        void started();

        void stopped();

        void leaderIs(String identity);
    }

    private static final Logger LOG = LoggerFactory.getLogger(Leadership.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String name;
    private final String identity;
    private final Timing timing;
    private final Listener listener;
    private final ScheduledExecutorService scheduler;
    private volatile CompletableFuture<?> running;
    private volatile boolean closed;

    Leadership(KubernetesClient client, String namespace, String name, String identity, Timing timing,
               Listener listener, ScheduledExecutorService scheduler) {
        this.client = client;
        this.namespace = namespace;
        this.name = name;
        this.identity = identity;
        this.timing = timing;
        this.listener = listener;
        this.scheduler = scheduler;
    }

    /** Starts contending for the lease; returns at once. */
    void start() {
        if (closed) {
            return;
        }
        LeaderElector elector = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(name).withLock(new LeaseLock(namespace, name, identity))
                .withLeaseDuration(timing.lease()).withRenewDeadline(timing.renewDeadline())
                .withRetryPeriod(timing.retry()).withReleaseOnCancel()
                .withLeaderCallbacks(new LeaderCallbacks(listener::started, listener::stopped, listener::leaderIs))
                .build()).build();
        CompletableFuture<?> future = elector.start();
        running = future;
        future.whenComplete((ignored, error) -> {
            if (!closed) {
                LOG.info("leader election for lease {}/{} ended ({}); contending again", namespace, name,
                        error == null ? "lease lost" : error.toString());
                restartLater();
            }
        });
    }

    private void restartLater() {
        try {
            scheduler.schedule(this::start, timing.retry().toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // shutting down
        }
    }

    /** Stops contending and releases the lease if held. */
    @Override
    public void close() {
        closed = true;
        CompletableFuture<?> future = running;
        if (future != null) {
            future.cancel(true);
        }
    }
}
