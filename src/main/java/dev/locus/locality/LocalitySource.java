package dev.locus.locality;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.VolumeInfo;

/**
 * One way of learning where a volume's data lives (PV node affinity, a replica annotation,
 * a storage system's own objects, ...). Sources are independent: adding one touches no other.
 *
 * <p>Contract: a source reads the volume itself and, if it needs to, the replica objects of
 * the volume's storage-system name ({@code cluster.replicas(volume.volumeHandle())}). Those
 * are the inputs the {@link CaffeineVolumeLocalityIndex} compares to tell whether a cached
 * placement still holds. A source that reads anything else in the snapshot must return false
 * from {@link #volumeScoped()}; the index then recomputes every placement for every new snapshot.
 */
public interface LocalitySource {

    /** Adds to {@code placement} what this source knows about {@code volume}; adds nothing if it knows nothing. */
    void describe(VolumeInfo volume, ClusterSnapshot cluster, VolumePlacement.Builder placement);

    /** True when {@link #describe} reads only the volume and the replicas of its volume handle. */
    default boolean volumeScoped() {
        return true;
    }
}
