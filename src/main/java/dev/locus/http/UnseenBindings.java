package dev.locus.http;

import dev.locus.api.PodInfo;
import dev.locus.cluster.ClaimInfo;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ClusterState;
import dev.locus.cluster.ObjectKey;
import dev.locus.cluster.StorageClassInfo;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Picks the snapshot a live-mode request is placed on: the newest, or, when the newest has not
 * yet seen what the scheduler already knows of the pod's claims, the next one that has
 * (docs/live-cluster.md, "A binding Locus has not seen yet").
 *
 * <p>Design: kube-scheduler (v1.24 and later) calls an extender only for nodes that passed its
 * own filters, and its VolumeBinding plugin lets no pod through whose claim is missing
 * ({@code podHasPVCs}), whose claim with immediate binding is not bound ({@code PreFilter}:
 * "pod has unbound immediate PersistentVolumeClaims"; no class, or a class that does not exist,
 * counts as immediate), or whose bound claim's volume it does not hold (ErrReasonPVNotExist on
 * every node). So when a snapshot says otherwise of the pod's claims, Locus is behind, not the
 * cluster: its snapshot trails its informers by up to an interval and a rebuild. Such a request
 * waits, on its placement thread, for newer snapshots while they come, within its deadline less
 * {@link FirstSync#PLACEMENT_RESERVE_NANOS} and at most {@link #MAX_WAIT_MILLIS}, and is then placed on the
 * newest snapshot, caught up or not. An unbound claim of a WaitForFirstConsumer class is what the
 * scheduler sees too and waits for nothing. A state that does not follow a cluster (manifests)
 * is never behind. Outcomes are counted in {@code locus_snapshot_waits_total{outcome}}.
 */
final class UnseenBindings {

    /**
     * Longest wait for a newer snapshot, ms (500): five snapshot intervals. A binding the
     * scheduler has seen is in Locus's stores within milliseconds and in a snapshot at most an
     * interval (100 ms) plus a rebuild (up to ~200 ms at 100,000 volumes) later; a snapshot still
     * behind after this is behind for another reason, and the pod should not pay the whole deadline.
     */
    static final long MAX_WAIT_MILLIS = 500;
    /** Outcome of a wait: a newer snapshot held every claim as the scheduler sees it. */
    static final String CAUGHT_UP = "caught_up";
    /** Outcome of a wait: none did in time; placed on the newest snapshot, as without the wait. */
    static final String GAVE_UP = "gave_up";

    private static final Logger LOG = LoggerFactory.getLogger(UnseenBindings.class);
    private static final long MAX_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);

    private final ClusterState cluster;
    private final SnapshotWait wait;
    private final Counter caughtUp;
    private final Counter gaveUp;

    UnseenBindings(ClusterState cluster, SnapshotWait wait, MeterRegistry registry) {
        this.cluster = cluster;
        this.wait = wait;
        this.caughtUp = waits(registry, CAUGHT_UP);
        this.gaveUp = waits(registry, GAVE_UP);
    }

    private static Counter waits(MeterRegistry registry, String outcome) {
        return Counter.builder("locus.snapshot.waits")
                .description("Requests that waited for a snapshot holding their claims as the scheduler sees them")
                .tag("outcome", outcome).register(registry);
    }

    /**
     * The snapshot to place {@code pod} on; waits (blocks) while the newest is behind for it, for
     * at most {@code waitNanos} and {@link #MAX_WAIT_MILLIS}. Placement threads only.
     */
    ClusterSnapshot snapshotFor(PodInfo pod, long waitNanos) {
        ClusterSnapshot newest = cluster.current();
        if (!cluster.live() || unseen(pod, newest) == null) {
            return newest;
        }
        if (wait.until(() -> unseen(pod, cluster.current()) == null, Math.min(waitNanos, MAX_WAIT_NANOS))) {
            caughtUp.increment();
        } else {
            gaveUp.increment();
            LOG.debug("pod {}/{}: placed without waiting longer: {}", pod.namespace(), pod.name(),
                    unseen(pod, cluster.current()));
        }
        return cluster.current();
    }

    /**
     * What {@code snapshot} lacks of {@code pod}'s claims that the scheduler must already hold,
     * or null when nothing: a claim missing, a claim with immediate binding unbound, or a bound
     * claim's volume missing.
     */
    static String unseen(PodInfo pod, ClusterSnapshot snapshot) {
        for (String name : pod.claimNames()) {
            ObjectKey key = new ObjectKey(pod.namespace(), name);
            ClaimInfo claim = snapshot.claim(key);
            if (claim == null) {
                return "claim " + key + " is not in snapshot " + snapshot.generation();
            }
            if (claim.bound() && snapshot.volumeOf(claim) == null) {
                return "volume " + claim.volumeName() + " of claim " + key + " is not in snapshot " + snapshot.generation();
            }
            if (!claim.bound() && !waitsForFirstConsumer(claim, snapshot)) {
                return "claim " + key + " binds immediately but is unbound in snapshot " + snapshot.generation();
            }
        }
        return null;
    }

    /** As kube-scheduler's IsDelayBindingMode: no class, or a class not found, binds immediately. */
    private static boolean waitsForFirstConsumer(ClaimInfo claim, ClusterSnapshot snapshot) {
        String name = claim.storageClass(); // already the class Kubernetes reads (ClusterObjects.claim)
        StorageClassInfo storageClass = name == null || name.isEmpty() ? null : snapshot.storageClass(name);
        return storageClass != null && storageClass.waitForFirstConsumer();
    }
}
