package dev.locus.cluster;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where the request path gets the cluster from: the latest published snapshot. Manifest
 * mode publishes one snapshot at start; live mode publishes a new one as informers learn.
 */
public interface ClusterState {

    /** The latest snapshot; never null (empty before the first sync). */
    ClusterSnapshot current();

    /** True once the state reflects the whole cluster (manifests read, or informers synced). */
    boolean ready();

    /**
     * True when snapshots follow a cluster that changes (live mode): the newest one can then be
     * behind what the scheduler already sees, and a newer one can come. False for manifests.
     */
    default boolean live() {
        return false;
    }

    /**
     * Calls {@code listener} after every snapshot published from now on, on the publishing
     * thread; a listener must be quick and must not throw. A state that never changes never calls it.
     */
    default void addListener(Consumer<SnapshotChange> listener) {
    }

    /** How current each watched kind is; empty for a state that watches nothing. */
    default List<KindStatus> kinds() {
        return List.of();
    }

    /**
     * Seconds since the least current kind was last known in sync with the API server: 0
     * while every watch is open (and for a state that watches nothing).
     */
    default double staleSeconds() {
        return kinds().stream().mapToDouble(KindStatus::ageSeconds).max().orElse(0);
    }
}
