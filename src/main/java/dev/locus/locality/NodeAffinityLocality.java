package dev.locus.locality;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeSelector;
import dev.locus.cluster.VolumeInfo;

/**
 * PV {@code spec.nodeAffinity.required}: {@code In} terms on kubernetes.io/hostname place the
 * data on the nodes carrying those hostname labels (local volumes), {@code metadata.name}
 * fields on the nodes of those names; terms on the zone or region label confine it there
 * (zonal block storage). Other keys and operators say nothing about where data is.
 * Hostname values stay hostnames ({@link VolumePlacement#replicaHostnames}): which nodes
 * carry them depends on the snapshot, and this source reads only the volume.
 */
public final class NodeAffinityLocality implements LocalitySource {

    @Override
    public void describe(VolumeInfo volume, ClusterSnapshot cluster, VolumePlacement.Builder placement) {
        if (volume.nodeAffinity() == null) {
            return;
        }
        for (NodeSelector.Term term : volume.nodeAffinity().terms()) {
            for (NodeSelector.Requirement r : term.matchExpressions()) {
                if (!"In".equals(r.operator())) {
                    continue;
                }
                switch (r.key()) {
                    case NodeSelector.HOSTNAME -> r.values().forEach(placement::replicaHostname);
                    case NodeSelector.ZONE -> r.values().forEach(placement::zone);
                    case NodeSelector.REGION -> r.values().forEach(placement::region);
                    default -> { }
                }
            }
            for (NodeSelector.Requirement r : term.matchFields()) {
                if ("In".equals(r.operator()) && "metadata.name".equals(r.key())) {
                    r.values().forEach(placement::replicaNode);
                }
            }
        }
    }
}
