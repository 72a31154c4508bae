package dev.locus.placement;

import dev.locus.cluster.NodeSelector;
import dev.locus.cluster.VolumeInfo;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * Whether a PV's node affinity pins its data to named nodes: every term requires
 * {@code kubernetes.io/hostname In [...]} or {@code metadata.name In [...]} (local PVs,
 * TopoLVM, OpenEBS LocalPV). Zone or region terms do not pin: the data is reachable from
 * anywhere in the zone.
 *
 * <p>Node identity: hostname values are compared with a node's {@code kubernetes.io/hostname}
 * label and {@code metadata.name} values with its name, never one with the other; on clouds
 * the two often differ ({@code ip-10-0-0-1} vs {@code ip-10-0-0-1.ec2.internal}). Only a node
 * whose labels nobody knows (NodeNames mode, newer than the snapshot) is taken to have its
 * name as hostname, the kubelet's default.
 *
 * @param hostnames values of {@code kubernetes.io/hostname In} requirements
 * @param names     values of {@code metadata.name In} field requirements
 */
record PinnedNodes(Set<String> hostnames, Set<String> names) {

    PinnedNodes {
        hostnames = Set.copyOf(hostnames);
        names = Set.copyOf(names);
    }

    /** The nodes {@code volume} is pinned to, or null when it is not pinned. */
    static PinnedNodes of(VolumeInfo volume) {
        if (volume == null || volume.nodeAffinity() == null || volume.nodeAffinity().terms().isEmpty()) {
            return null;
        }
        Set<String> hostnames = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (NodeSelector.Term term : volume.nodeAffinity().terms()) {
            boolean pinned = false;
            for (NodeSelector.Requirement r : term.matchExpressions()) {
                if ("In".equals(r.operator()) && NodeSelector.HOSTNAME.equals(r.key())) {
                    hostnames.addAll(r.values());
                    pinned = true;
                }
            }
            for (NodeSelector.Requirement r : term.matchFields()) {
                if ("In".equals(r.operator()) && "metadata.name".equals(r.key())) {
                    names.addAll(r.values());
                    pinned = true;
                }
            }
            if (!pinned) {
                return null;
            }
        }
        return new PinnedNodes(hostnames, names);
    }

    /** True when {@code node} is one of the pinned nodes: by name, or by its hostname label. */
    boolean allows(NodeView node) {
        String hostname = node.labels().get(NodeSelector.HOSTNAME);
        if (hostname == null && !node.known()) {
            hostname = node.name();
        }
        return names.contains(node.name()) || hostname != null && hostnames.contains(hostname);
    }

    /** Every pinned value, sorted, for reasons. */
    Set<String> describe() {
        Set<String> all = new TreeSet<>(hostnames);
        all.addAll(names);
        return all;
    }
}
