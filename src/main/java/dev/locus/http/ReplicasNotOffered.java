package dev.locus.http;

import dev.locus.api.PodInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
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

    private final Counter counter;
    private final RateLimit warnings = new RateLimit(Duration.ofSeconds(WARN_INTERVAL_SECONDS));

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
        long skipped = this.warnings.occurrence();
        if (skipped >= 0) {
            LOG.warn("pod {}/{}: {}. Set percentageOfNodesToScore: 100 in the KubeSchedulerConfiguration of the "
                    + "scheduler that calls Locus{}", pod.namespace(), pod.name(), warnings.get(0),
                    RateLimit.skippedNote(skipped, "locus_replicas_not_offered_total"));
        }
    }
}
