package dev.locus.locality;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.VolumeInfo;

/**
 * The storage-neutral contract any driver can write: the PV annotation
 * {@code locus.dev/replica-nodes: node-a,node-b} names the nodes holding the data.
 */
public final class ReplicaAnnotationLocality implements LocalitySource {

    /** The annotation key. */
    public static final String ANNOTATION = "locus.dev/replica-nodes";

    @Override
    public void describe(VolumeInfo volume, ClusterSnapshot cluster, VolumePlacement.Builder placement) {
        String value = volume.annotations().get(ANNOTATION);
        if (value == null) {
            return;
        }
        for (String node : value.split(",")) {
            String name = node.trim();
            if (!name.isEmpty()) {
                placement.replicaNode(name);
            }
        }
    }
}
