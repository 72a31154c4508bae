package dev.locus.cluster.live;

import dev.locus.cluster.KindStatus;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says in the log, rate-limited, that live mode answers from an old state: once the least
 * current kind has been out of sync for {@link #WARN_AFTER_SECONDS}, then every
 * {@link #REPEAT_SECONDS} while it lasts, and once when every kind is current again. Sampled
 * by the state thread's health tick (once a second); not thread-safe.
 */
final class StalenessLog {

    /** Seconds out of sync before the first warning: longer than a routine watch reconnect (~1 s). */
    static final double WARN_AFTER_SECONDS = 30;
    /** Seconds between two warnings while stale: an outage of minutes writes a few lines, not hundreds. */
    static final double REPEAT_SECONDS = 60;

    private static final Logger LOG = LoggerFactory.getLogger(StalenessLog.class);

    private double lastWarnedAt = -1;

    /** One sample: the kinds' status and the generation requests read. */
    void sample(boolean ready, List<KindStatus> kinds, long generation) {
        if (!ready) {
            return;
        }
        double stale = kinds.stream().mapToDouble(KindStatus::ageSeconds).max().orElse(0);
        if (stale >= WARN_AFTER_SECONDS && (lastWarnedAt < 0 || stale - lastWarnedAt >= REPEAT_SECONDS)) {
            String lost = kinds.stream().filter(k -> !k.watching()).map(KindStatus::kind)
                    .collect(Collectors.joining(", "));
            LOG.warn("cluster state stale for {} s (watches lost: {}); answering from snapshot generation {} "
                    + "until the API server is back (locus_snapshot_age_seconds)", Math.round(stale), lost, generation);
            lastWarnedAt = stale;
        } else if (stale == 0 && lastWarnedAt >= 0) {
            LOG.info("cluster state in sync with the API server again");
            lastWarnedAt = -1;
        }
    }
}
