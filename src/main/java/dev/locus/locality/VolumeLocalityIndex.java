package dev.locus.locality;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.VolumeInfo;

/** Answers "where does this volume's data live" for the request path, from memory. */
public interface VolumeLocalityIndex {

    /** The placement of {@code volume} in {@code cluster}; {@link VolumePlacement#UNKNOWN} when nothing is known. */
    VolumePlacement placement(VolumeInfo volume, ClusterSnapshot cluster);
}
