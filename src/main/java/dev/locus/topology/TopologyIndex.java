package dev.locus.topology;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.locus.cluster.NodeInfo;
import dev.locus.cluster.NodeSelector;
import dev.locus.config.TopologySpec;
import dev.locus.locality.VolumePlacement;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;

/**
 * What scoring needs from the topology, precomputed: node ordinals, each node's zone,
 * region and rack, and per volume placement a byte array of every node's
 * {@link ProximityTier} ordinal, so the request path scores with array lookups.
 *
 * <p>Design: an index belongs to one topology (the nodes and their topology labels, or the
 * weighted file); {@link TopologyIndexes} hands it on to the next snapshot until that changes. Tier
 * arrays are cached per {@link VolumePlacement} VALUE, so a volume whose replicas move gets a
 * new key (and a fresh array) while every unchanged volume keeps its array; evicted or not
 * yet computed arrays cost one shortest-path pass (tens of microseconds at 5000 nodes on the
 * label tree, a multi-source Dijkstra of ~0.1-1 ms on a weighted file), never a wrong
 * answer. The cache is bounded by bytes: {@code 64 MiB} holds ~13,000 volumes at 5000 nodes,
 * more than the volumes a single scheduler cycle set touches.
 */
public final class TopologyIndex {

    /** Upper bound of the tier-array cache, bytes (array length + {@link #ENTRY_BYTES}). */
    static final long TIER_CACHE_BYTES = 64L * 1024 * 1024;

    /** Approximate bytes of a cache entry besides its array: array header, node, key. */
    static final int ENTRY_BYTES = 80;

    private final TopologyGraph graph;
    private final String rackLabel;
    private final boolean labelTree;
    private final String[] regions;
    private final String[] zones;
    private final String[] racks;
    private final Cache<VolumePlacement, byte[]> tiers;

    TopologyIndex(Collection<NodeInfo> nodes, String rackLabel, TopologySpec spec) {
        this.graph = spec == null ? TopologyGraph.fromLabels(nodes, rackLabel) : TopologyGraph.fromSpec(spec, nodes);
        this.rackLabel = rackLabel;
        this.labelTree = spec == null;
        int n = graph.nodeCount();
        regions = new String[n];
        zones = new String[n];
        racks = new String[n];
        for (NodeInfo node : nodes) {
            int o = graph.ordinal(node.name());
            regions[o] = node.labels().get(NodeSelector.REGION);
            zones[o] = node.labels().get(NodeSelector.ZONE);
            racks[o] = node.labels().get(rackLabel);
        }
        this.tiers = Caffeine.newBuilder().maximumWeight(TIER_CACHE_BYTES)
                .weigher((VolumePlacement k, byte[] v) -> v.length + ENTRY_BYTES).build();
    }

    /** The graph the distances come from. */
    public TopologyGraph graph() {
        return graph;
    }

    /** How many tier arrays the cache holds at this node count. */
    public int tierCapacity() {
        return (int) Math.min(Integer.MAX_VALUE, TIER_CACHE_BYTES / (nodeCount() + ENTRY_BYTES));
    }

    /** Number of nodes; ordinals are {@code 0..nodeCount()-1}. */
    public int nodeCount() {
        return graph.nodeCount();
    }

    /** The ordinal of a node, or -1 when the index does not know it. */
    public int ordinal(String node) {
        return graph.ordinal(node);
    }

    /** {@link #ordinal(String)} for a name given as ASCII bytes and its String hash code. */
    public int ordinal(byte[] bytes, int offset, int length, int hash) {
        return graph.ordinal(bytes, offset, length, hash);
    }

    /**
     * Every node's tier ordinal for a volume placed as {@code placement}, indexed by node
     * ordinal; shared and cached, so callers must not modify it.
     */
    public byte[] tiers(VolumePlacement placement) {
        return tiers.get(placement, this::compute);
    }

    private byte[] compute(VolumePlacement placement) {
        int n = graph.nodeCount();
        byte[] result = new byte[n];
        Arrays.fill(result, (byte) ProximityTier.ELSEWHERE.ordinal());
        int[] sources = placement.replicaNodes().stream().mapToInt(graph::ordinal).filter(o -> o >= 0).toArray();
        if (sources.length > 0) {
            double[] distance = graph.nearest(sources);
            for (int o = 0; o < n; o++) {
                result[o] = (byte) graph.tier(distance[o]).ordinal();
            }
        }
        if (!placement.zones().isEmpty() || !placement.regions().isEmpty()) {
            for (int o = 0; o < n; o++) {
                result[o] = (byte) Math.min(result[o], confinement(placement, zones[o], regions[o]).ordinal());
            }
        }
        return result;
    }

    /**
     * The tier of a node the index does not know (Nodes mode, a node newer than the
     * snapshot), from its name and labels. With the label tree this is the same answer the
     * graph gives; a weighted file has no links for such a node, so only its own replica and
     * zone/region confinement count.
     */
    public ProximityTier tier(VolumePlacement placement, String name, Map<String, String> labels) {
        if (placement.replicaNodes().contains(name)) {
            return ProximityTier.NODE;
        }
        String zone = labels.get(NodeSelector.ZONE);
        String region = labels.get(NodeSelector.REGION);
        ProximityTier best = confinement(placement, zone, region);
        if (!labelTree) {
            return best;
        }
        String rack = labels.get(rackLabel);
        for (String replica : placement.replicaNodes()) {
            int o = graph.ordinal(replica);
            if (o >= 0) {
                best = ProximityTier.closer(best, shared(region, zone, rack, o));
            }
        }
        return best;
    }

    private static ProximityTier confinement(VolumePlacement placement, String zone, String region) {
        if (zone != null && placement.zones().contains(zone)) {
            return ProximityTier.ZONE;
        }
        return region != null && placement.regions().contains(region) ? ProximityTier.REGION : ProximityTier.ELSEWHERE;
    }

    /** The tree tier between a node with these labels and node {@code o}: deepest shared level. */
    private ProximityTier shared(String region, String zone, String rack, int o) {
        boolean sameRegion = region != null && region.equals(regions[o]) || region == null && regions[o] == null;
        boolean sameZone = zone != null && zone.equals(zones[o]) && sameRegion;
        boolean zonesAbsent = zone == null && zones[o] == null;
        if (rack != null && rack.equals(racks[o]) && sameRegion && (sameZone || zonesAbsent)) {
            return ProximityTier.RACK;
        }
        if (sameZone) {
            return ProximityTier.ZONE;
        }
        return region != null && region.equals(regions[o]) ? ProximityTier.REGION : ProximityTier.ELSEWHERE;
    }

    /** True when {@code nodes} have exactly the names and topology labels this index was built from. */
    boolean sameTopology(Collection<NodeInfo> nodes) {
        if (nodes.size() != graph.nodeCount()) {
            return false;
        }
        for (NodeInfo node : nodes) {
            int o = graph.ordinal(node.name());
            if (o < 0 || !same(regions[o], node.labels().get(NodeSelector.REGION))
                    || !same(zones[o], node.labels().get(NodeSelector.ZONE))
                    || !same(racks[o], node.labels().get(rackLabel))) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
