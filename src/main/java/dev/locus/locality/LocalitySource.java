package dev.locus.locality;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.VolumeInfo;

/**
 * One way of learning where a volume's data lives (PV node affinity, a replica annotation,
 * a storage system's own objects, ...). Sources are independent: adding one touches no other.
 */
public interface LocalitySource {

    /** Adds to {@code placement} what this source knows about {@code volume}; adds nothing if it knows nothing. */
    void describe(VolumeInfo volume, ClusterSnapshot cluster, VolumePlacement.Builder placement);
}
