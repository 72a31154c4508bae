package dev.locus.topology;

import dev.locus.cluster.NodeInfo;
import dev.locus.cluster.NodeSelector;
import dev.locus.config.TopologySpec;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jgrapht.Graph;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;

/**
 * The network between the cluster's nodes as a weighted graph, and shortest-path distances
 * over it. JGraphT types stop here.
 *
 * <p>Design: two ways in, one way out. From node labels the graph is the tree
 * world > region > zone > rack > node, each edge costing the number of levels it spans, so a
 * missing level collapses gracefully (a rack-less node hangs off its zone at cost 2) and the
 * distance between two nodes is twice the depth below their lowest common ancestor: 2 same
 * rack, 4 same zone, 6 same region, 8 nothing in common. From a {@link TopologySpec} the
 * graph is the user's links. Either way the JGraphT graph is compiled once into compressed
 * adjacency arrays, and a volume's distances are one multi-source Dijkstra from its replica
 * nodes over those arrays ({@link ShortestPaths}); the label tree, being a tree, compiles to
 * parent pointers instead and needs no heap ({@link TreeDistances}). No per-request work
 * touches JGraphT.
 *
 * <p>Node ordinals: the cluster's nodes sorted by name are vertices {@code 0..nodeCount-1};
 * every per-node array of the topology and placement packages is indexed by them.
 */
public final class TopologyGraph {

    private static final String WORLD = "world:";

    private final Graph<String, DefaultWeightedEdge> graph;
    private final String[] nodeNames;
    private final NameIndex ordinals;
    private final double rackMax;
    private final double zoneMax;
    private final double regionMax;
    private final ShortestPaths paths;
    private final TreeDistances tree;

    private TopologyGraph(Graph<String, DefaultWeightedEdge> graph, String[] nodeNames, TopologySpec thresholds,
                          boolean labelTree) {
        this.graph = graph;
        this.nodeNames = nodeNames;
        this.ordinals = new NameIndex(nodeNames);
        this.rackMax = thresholds.rackMax();
        this.zoneMax = thresholds.zoneMax();
        this.regionMax = thresholds.regionMax();
        this.paths = labelTree ? null : ShortestPaths.compile(graph, nodeNames);
        this.tree = labelTree ? TreeDistances.compile(graph, WORLD, nodeNames) : null;
    }

    /** The region > zone > rack > node tree of {@code nodes}, from their topology labels. */
    public static TopologyGraph fromLabels(Collection<NodeInfo> nodes, String rackLabel) {
        Graph<String, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        g.addVertex(WORLD);
        for (NodeInfo node : nodes) {
            Map<String, String> labels = node.labels();
            String region = labels.get(NodeSelector.REGION);
            String zone = labels.get(NodeSelector.ZONE);
            String rack = labels.get(rackLabel);
            // Each level's vertex id includes its ancestors, so "rack-1" in two zones is two racks.
            String regionId = region == null ? null : "region:" + region;
            String zoneId = zone == null ? null : "zone:" + nz(region) + "/" + zone;
            String rackId = rack == null ? null : "rack:" + nz(region) + "/" + nz(zone) + "/" + rack;
            String[] chain = {WORLD, regionId, zoneId, rackId, node.name()};
            link(g, chain);
        }
        return new TopologyGraph(g, sortedNames(nodes), new TopologySpec(Set.of(), List.of(),
                TopologySpec.DEFAULT_RACK_MAX, TopologySpec.DEFAULT_ZONE_MAX, TopologySpec.DEFAULT_REGION_MAX), true);
    }

    /** The user's weighted graph; cluster nodes the file does not mention are isolated vertices. */
    public static TopologyGraph fromSpec(TopologySpec spec, Collection<NodeInfo> nodes) {
        Graph<String, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        nodes.forEach(n -> g.addVertex(n.name()));
        for (TopologySpec.Link link : spec.links()) {
            g.addVertex(link.from());
            g.addVertex(link.to());
            DefaultWeightedEdge edge = g.getEdge(link.from(), link.to());
            if (edge == null) {
                g.setEdgeWeight(g.addEdge(link.from(), link.to()), link.cost());
            } else if (link.cost() < g.getEdgeWeight(edge)) {
                g.setEdgeWeight(edge, link.cost()); // a repeated link: the cheaper one counts
            }
        }
        return new TopologyGraph(g, sortedNames(nodes), spec, false);
    }

    /** Links each present level of {@code chain} (root first) to the nearest present level above it. */
    private static void link(Graph<String, DefaultWeightedEdge> g, String[] chain) {
        int parent = 0;
        for (int level = 1; level < chain.length; level++) {
            if (chain[level] == null) {
                continue;
            }
            boolean isNew = g.addVertex(chain[level]);
            if (isNew || level == chain.length - 1) {
                DefaultWeightedEdge edge = g.addEdge(chain[parent], chain[level]);
                if (edge != null) {
                    g.setEdgeWeight(edge, level - parent);
                }
            }
            parent = level;
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String[] sortedNames(Collection<NodeInfo> nodes) {
        return nodes.stream().map(NodeInfo::name).sorted().toArray(String[]::new);
    }

    /** Number of cluster nodes; their ordinals are {@code 0..nodeCount()-1}. */
    public int nodeCount() {
        return nodeNames.length;
    }

    /** The ordinal of a cluster node, or -1 when the graph was built without it. */
    public int ordinal(String node) {
        return ordinals.get(node);
    }

    /**
     * The ordinal of the cluster node named by the ASCII bytes {@code bytes[offset..offset+length)},
     * or -1; {@code hash} is the name's {@link String#hashCode()} (for ASCII, the same polynomial
     * over the bytes). Lets a request body be resolved without a String per name.
     */
    public int ordinal(byte[] bytes, int offset, int length, int hash) {
        return ordinals.get(bytes, offset, length, hash);
    }

    /** The name of the node with this ordinal. */
    public String nodeName(int ordinal) {
        return nodeNames[ordinal];
    }

    /** Shortest-path cost between two vertices, straight from JGraphT; infinite when unreachable or unknown. */
    public double distance(String from, String to) {
        if (!graph.containsVertex(from) || !graph.containsVertex(to)) {
            return Double.POSITIVE_INFINITY;
        }
        return new DijkstraShortestPath<>(graph).getPathWeight(from, to);
    }

    /** The tier of a shortest-path distance from the nearest replica (0 is the replica's own node). */
    public ProximityTier tier(double distance) {
        if (distance == 0) {
            return ProximityTier.NODE;
        }
        if (distance <= rackMax) {
            return ProximityTier.RACK;
        }
        if (distance <= zoneMax) {
            return ProximityTier.ZONE;
        }
        return distance <= regionMax ? ProximityTier.REGION : ProximityTier.ELSEWHERE;
    }

    /**
     * Each node's distance to the nearest of {@code sources} (node ordinals); infinite beyond
     * the region threshold, since every such distance is the same tier.
     */
    double[] nearest(int[] sources) {
        return tree != null ? tree.nearest(sources, regionMax) : paths.nearest(sources, regionMax);
    }

    /** Vertex ids of the graph (nodes, levels, switches), for tests and diagnostics. */
    List<String> vertices() {
        return new ArrayList<>(graph.vertexSet());
    }
}
