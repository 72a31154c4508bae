package dev.locus.http;

import dev.locus.api.ExtenderReplyEncoder;
import dev.locus.cluster.ClusterState;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.TimeUnit;

/**
 * Keeps placement from answering before the cluster state's first full sync
 * (docs/live-cluster.md, "Before the first sync").
 *
 * <p>A request that arrives before it waits, on its placement thread, for the first snapshot,
 * for what is left of its request deadline but {@link #PLACEMENT_RESERVE_NANOS} (1.25 s of the
 * default 1.5 s): a restarted Locus usually syncs within a second or two,
 * and a pod answered then is placed next to its data at once. Refused, it would wait for the
 * scheduler to retry it, which kube-scheduler v1.24 does only after its back-off and, for a
 * pod no cluster event moves, after {@code podMaxInUnschedulablePodsDuration} (5 min).
 * Past the deadline the request is refused: /filter with 200 and only {@code Error} (kube-scheduler
 * fails the cycle with this very text in the pod's FailedScheduling event; a non-200 status
 * would show only "code 503"), /prioritize (a bare list, no Error field) and /explain with 503.
 */
final class FirstSync {

    /** The error text of every answer refused before the first full sync. */
    static final String NOT_READY = "locus is not ready: the cluster state has not completed its first sync; "
            + "answering now would place the pod without knowing where its data is";

    /**
     * Budget kept for placement after a wait, ns (250 ms): a filter on a fresh snapshot takes
     * milliseconds, and the first request after a sync may build the node index (~150 ms at
     * 5,000 nodes on a shared 2-core machine).
     */
    static final long PLACEMENT_RESERVE_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final ClusterState cluster;
    private final SnapshotWait wait;

    FirstSync(ClusterState cluster, SnapshotWait wait) {
        this.cluster = cluster;
        this.wait = wait;
    }

    /**
     * True when the request was refused (and answered): the state had not synced within
     * {@code waitNanos}. On a placement thread only: it blocks.
     */
    boolean refuses(RoutingContext ctx, String verb, long waitNanos, LocusMetrics metrics) {
        if (cluster.ready() || wait.until(cluster::ready, waitNanos)) {
            return false;
        }
        metrics.error(ErrorCause.NOT_READY);
        ctx.response().setStatusCode("filter".equals(verb) ? 200 : 503).putHeader("Content-Type", "application/json")
                .putHeader("Retry-After", "1").end(ExtenderReplyEncoder.error(NOT_READY));
        return true;
    }
}
