package dev.locus.locality;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ReplicaInfo;
import dev.locus.cluster.VolumeInfo;

/**
 * Longhorn: the {@code replicas.longhorn.io} objects whose {@code spec.volumeName} is the PV's
 * CSI volumeHandle (driver {@code driver.longhorn.io}) hold the data on their {@code spec.nodeID}.
 * Only healthy replicas count: running, and no {@code spec.failedAt}. A failed replica says
 * nothing; its replacement counts once it runs.
 */
public final class LonghornReplicaLocality implements LocalitySource {

    /** The Longhorn CSI driver name. */
    public static final String DRIVER = "driver.longhorn.io";

    @Override
    public void describe(VolumeInfo volume, ClusterSnapshot cluster, VolumePlacement.Builder placement) {
        if (!DRIVER.equals(volume.csiDriver()) || volume.volumeHandle() == null) {
            return;
        }
        for (ReplicaInfo replica : cluster.replicas(volume.volumeHandle())) {
            if (replica.healthy() && replica.nodeName() != null) {
                placement.replicaNode(replica.nodeName());
            }
        }
    }
}
