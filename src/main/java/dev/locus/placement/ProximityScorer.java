package dev.locus.placement;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeInfo;
import dev.locus.cluster.NodeSelector;
import dev.locus.locality.VolumePlacement;
import java.util.Map;
import java.util.Objects;

/** The proximity tier of a node to a volume's data, from node topology labels. */
public final class ProximityScorer {

    private final String rackLabel;

    /** @param rackLabel the node label naming a node's rack */
    public ProximityScorer(String rackLabel) {
        this.rackLabel = Objects.requireNonNull(rackLabel);
    }

    /** The best tier any replica of {@code placement} offers {@code node}. */
    public ProximityTier tier(VolumePlacement placement, NodeView node, ClusterSnapshot cluster) {
        if (placement.replicaNodes().contains(node.name())) {
            return ProximityTier.NODE;
        }
        String zone = node.labels().get(NodeSelector.ZONE);
        String region = node.labels().get(NodeSelector.REGION);
        ProximityTier best = ProximityTier.ELSEWHERE;
        if (zone != null && placement.zones().contains(zone)) {
            best = ProximityTier.ZONE;
        } else if (region != null && placement.regions().contains(region)) {
            best = ProximityTier.REGION;
        }
        for (String replica : placement.replicaNodes()) {
            NodeInfo other = cluster.node(replica);
            if (other != null) {
                ProximityTier tier = shared(node.labels(), other.labels());
                if (tier.ordinal() < best.ordinal()) {
                    best = tier;
                }
            }
        }
        return best;
    }

    private ProximityTier shared(Map<String, String> a, Map<String, String> b) {
        boolean sameZone = same(a, b, NodeSelector.ZONE);
        boolean zonesComparable = a.containsKey(NodeSelector.ZONE) || b.containsKey(NodeSelector.ZONE);
        if (same(a, b, rackLabel) && (sameZone || !zonesComparable)) {
            return ProximityTier.RACK;
        }
        if (sameZone) {
            return ProximityTier.ZONE;
        }
        return same(a, b, NodeSelector.REGION) ? ProximityTier.REGION : ProximityTier.ELSEWHERE;
    }

    private static boolean same(Map<String, String> a, Map<String, String> b, String key) {
        String value = a.get(key);
        return value != null && value.equals(b.get(key));
    }
}
