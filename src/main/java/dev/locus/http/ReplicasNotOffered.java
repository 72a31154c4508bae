package dev.locus.http;

import dev.locus.api.PodInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts and logs filter requests in which no Ready replica node of some volume was offered
 * ({@code locus_replicas_not_offered_total}): the pod will land away from its data whatever
 * Locus answers. The log names the scheduler setting that usually causes it,
 * {@code percentageOfNodesToScore}, at most once per {@link #WARN_INTERVAL_SECONDS}.
 */
final class ReplicasNotOffered {

    /** Seconds between two warnings: a scheduler sampling nodes does it for every pod, and the log must stay readable. */
    static final long WARN_INTERVAL_SECONDS = 60;

    private static final Logger LOG = LoggerFactory.getLogger(ReplicasNotOffered.class);
    private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(WARN_INTERVAL_SECONDS);

    private final Counter counter;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);
    private final AtomicLong unlogged = new AtomicLong();

    ReplicasNotOffered(MeterRegistry registry) {
        this.counter = Counter.builder("locus.replicas.not.offered")
                .description("Filter requests in which no Ready replica node of one of the pod's volumes was offered")
                .register(registry);
    }

    /** Records one filter request's warnings (none: nothing happens). */
    void record(PodInfo pod, List<String> warnings) {
        if (warnings.isEmpty()) {
            return;
        }
        counter.increment();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            long more = unlogged.getAndSet(0);
            LOG.warn("pod {}/{}: {}. Set percentageOfNodesToScore: 100 in the KubeSchedulerConfiguration of the "
                    + "scheduler that calls Locus{}", pod.namespace(), pod.name(), warnings.get(0),
                    more == 0 ? "" : " (" + more + " more since the last warning; see locus_replicas_not_offered_total)");
        } else {
            unlogged.incrementAndGet();
        }
    }
}
