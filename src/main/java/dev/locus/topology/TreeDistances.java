package dev.locus.topology;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;

/**
 * Nearest-source distances over a tree whose cluster nodes are leaves: the label topology
 * (world > region > zone > rack > node). Same answers as multi-source Dijkstra
 * ({@link ShortestPaths}), without a priority queue.
 *
 * <p>Design: the JGraphT tree is compiled once into parent pointers over its inner vertices
 * (the levels), numbered in breadth-first order so every parent precedes its children. A
 * query is two sweeps over the levels only, plus one pass over the nodes: up from each
 * source, keeping at every level the cost to the nearest source below it; then down in
 * breadth-first order, where a level's distance is the smaller of its own and its parent's
 * plus the edge. A node's distance is its edge to its level plus that level's. A cluster of
 * 5000 nodes in 250 racks costs ~250 + 5000 steps per volume instead of a heap over ~5,300
 * vertices, which is what lets tier arrays be rebuilt for every changed volume off the
 * request path, and a cache miss on the request path cost microseconds.
 */
final class TreeDistances {

    private final int[] leafParent;
    private final double[] leafCost;
    private final int[] parent;
    private final double[] up;

    private TreeDistances(int[] leafParent, double[] leafCost, int[] parent, double[] up) {
        this.leafParent = leafParent;
        this.leafCost = leafCost;
        this.parent = parent;
        this.up = up;
    }

    /**
     * Compiles {@code graph}, a tree rooted at {@code root} whose vertices named in
     * {@code nodeNames} (ordinal order) are leaves.
     *
     * @throws IllegalArgumentException when the graph is not such a tree
     */
    static TreeDistances compile(Graph<String, DefaultWeightedEdge> graph, String root, String[] nodeNames) {
        Map<String, Integer> ordinals = new HashMap<>(nodeNames.length * 2);
        for (int o = 0; o < nodeNames.length; o++) {
            ordinals.put(nodeNames[o], o);
        }
        int[] leafParent = new int[nodeNames.length];
        double[] leafCost = new double[nodeNames.length];
        Arrays.fill(leafParent, -1);
        int levels = graph.vertexSet().size() - nodeNames.length;
        int[] parent = new int[levels];
        double[] up = new double[levels];
        String[] names = new String[levels];
        Map<String, Integer> inner = new HashMap<>(levels * 2);
        ArrayDeque<String> queue = new ArrayDeque<>();
        inner.put(root, 0);
        names[0] = root;
        parent[0] = -1;
        queue.add(root);
        while (!queue.isEmpty()) {
            String v = queue.poll();
            int at = inner.get(v);
            for (DefaultWeightedEdge e : graph.edgesOf(v)) {
                String child = graph.getEdgeSource(e).equals(v) ? graph.getEdgeTarget(e) : graph.getEdgeSource(e);
                if (at > 0 && child.equals(names[parent[at]])) {
                    continue; // the edge up
                }
                Integer o = ordinals.get(child);
                if (o != null && leafParent[o] < 0 && graph.degreeOf(child) == 1) {
                    leafParent[o] = at;
                    leafCost[o] = graph.getEdgeWeight(e);
                } else if (o == null && !inner.containsKey(child) && inner.size() < levels) {
                    int c = inner.size();
                    inner.put(child, c);
                    names[c] = child;
                    parent[c] = at;
                    up[c] = graph.getEdgeWeight(e);
                    queue.add(child);
                } else {
                    throw new IllegalArgumentException("not a tree with the cluster nodes as leaves: " + child);
                }
            }
        }
        if (inner.size() != levels || Arrays.stream(leafParent).anyMatch(p -> p < 0)) {
            throw new IllegalArgumentException("not a tree: some vertex is unreachable from " + root);
        }
        return new TreeDistances(leafParent, leafCost, parent, up);
    }

    /** Distances (node ordinals) to the nearest of {@code sources}; infinite beyond {@code cutoff}. */
    double[] nearest(int[] sources, double cutoff) {
        double[] level = new double[parent.length];
        Arrays.fill(level, Double.POSITIVE_INFINITY);
        for (int s : sources) {
            double d = leafCost[s];
            for (int a = leafParent[s]; a >= 0 && d < level[a]; a = parent[a]) {
                level[a] = d;
                d += up[a];
            }
        }
        for (int v = 1; v < level.length; v++) {
            level[v] = Math.min(level[v], level[parent[v]] + up[v]);
        }
        double[] result = new double[leafParent.length];
        for (int o = 0; o < result.length; o++) {
            double d = leafCost[o] + level[leafParent[o]];
            result[o] = d <= cutoff ? d : Double.POSITIVE_INFINITY;
        }
        for (int s : sources) {
            result[s] = 0;
        }
        return result;
    }
}
