package dev.locus.cluster;

import java.util.Objects;
import java.util.Set;

/**
 * What a newly published snapshot changed, as far as caches of derived data care. Sent to
 * {@link ClusterState#addListener listeners} after {@code snapshot} became current.
 *
 * <p>It names the keys whose inputs changed, never the new values: a listener drops what it
 * derived from them and recomputes on demand from the snapshot.
 *
 * @param snapshot        the snapshot just published
 * @param volumes         PV names whose PersistentVolume was added, changed or deleted
 * @param storageVolumes  storage-system volume names (a PV's CSI volumeHandle) whose replica
 *                        objects were added, changed or deleted
 */
public record SnapshotChange(ClusterSnapshot snapshot, Set<String> volumes, Set<String> storageVolumes) {
    public SnapshotChange {
        Objects.requireNonNull(snapshot, "snapshot");
        volumes = Set.copyOf(volumes);
        storageVolumes = Set.copyOf(storageVolumes);
    }
}
