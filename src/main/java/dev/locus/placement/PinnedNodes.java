package dev.locus.placement;

import dev.locus.cluster.NodeSelector;
import dev.locus.cluster.VolumeInfo;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Whether a PV's node affinity pins its data to named nodes: every term requires
 * {@code kubernetes.io/hostname In [...]} or {@code metadata.name In [...]} (local PVs,
 * TopoLVM, OpenEBS LocalPV). Zone or region terms do not pin: the data is reachable from
 * anywhere in the zone.
 */
final class PinnedNodes {

    private PinnedNodes() {
    }

    /** The nodes {@code volume} is pinned to, or null when it is not pinned. */
    static Set<String> of(VolumeInfo volume) {
        if (volume == null || volume.nodeAffinity() == null || volume.nodeAffinity().terms().isEmpty()) {
            return null;
        }
        Set<String> nodes = new HashSet<>();
        for (NodeSelector.Term term : volume.nodeAffinity().terms()) {
            boolean pinned = false;
            for (NodeSelector.Requirement r : term.matchExpressions()) {
                if ("In".equals(r.operator()) && NodeSelector.HOSTNAME.equals(r.key())) {
                    nodes.addAll(r.values());
                    pinned = true;
                }
            }
            for (NodeSelector.Requirement r : term.matchFields()) {
                if ("In".equals(r.operator()) && "metadata.name".equals(r.key())) {
                    nodes.addAll(r.values());
                    pinned = true;
                }
            }
            if (!pinned) {
                return null;
            }
        }
        return Set.copyOf(nodes);
    }

    /** True when {@code node} is one of {@code pinned}, by name or by its hostname label. */
    static boolean allows(Set<String> pinned, String node, Map<String, String> labels) {
        return pinned.contains(node) || labels.containsKey(NodeSelector.HOSTNAME)
                && pinned.contains(labels.get(NodeSelector.HOSTNAME));
    }
}
