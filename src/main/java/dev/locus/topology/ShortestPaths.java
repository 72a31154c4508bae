package dev.locus.topology;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.graph.DefaultWeightedEdge;

/**
 * A weighted undirected graph compiled to compressed adjacency arrays, and multi-source
 * Dijkstra over them: one pass gives every node's distance to the NEAREST of several
 * replicas, which JGraphT's single-source algorithms would need one run per replica for.
 * Vertices {@code 0..nodes-1} are the cluster nodes in ordinal order.
 */
final class ShortestPaths {

    private final int nodes;
    private final int[] offsets;
    private final int[] targets;
    private final double[] costs;

    private ShortestPaths(int nodes, int[] offsets, int[] targets, double[] costs) {
        this.nodes = nodes;
        this.offsets = offsets;
        this.targets = targets;
        this.costs = costs;
    }

    static ShortestPaths compile(Graph<String, DefaultWeightedEdge> graph, String[] nodeNames) {
        Map<String, Integer> index = new HashMap<>(graph.vertexSet().size() * 2);
        String[] vertices = new String[graph.vertexSet().size()];
        for (String node : nodeNames) {
            vertices[index.size()] = node;
            index.put(node, index.size());
        }
        for (String v : graph.vertexSet()) {
            if (!index.containsKey(v)) {
                vertices[index.size()] = v;
                index.put(v, index.size());
            }
        }
        int[] offsets = new int[vertices.length + 1];
        int[] targets = new int[graph.edgeSet().size() * 2];
        double[] costs = new double[targets.length];
        int at = 0;
        for (int v = 0; v < vertices.length; v++) {
            offsets[v] = at;
            for (DefaultWeightedEdge e : graph.edgesOf(vertices[v])) {
                String other = graph.getEdgeSource(e).equals(vertices[v]) ? graph.getEdgeTarget(e) : graph.getEdgeSource(e);
                targets[at] = index.get(other);
                costs[at++] = graph.getEdgeWeight(e);
            }
        }
        offsets[vertices.length] = at;
        return new ShortestPaths(nodeNames.length, offsets, targets, costs);
    }

    /** Distances (node ordinals only) to the nearest source; infinite beyond {@code cutoff}. */
    double[] nearest(int[] sources, double cutoff) {
        double[] dist = new double[offsets.length - 1];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        Heap heap = new Heap(targets.length + sources.length + 1);
        for (int s : sources) {
            dist[s] = 0;
            heap.push(0, s);
        }
        while (!heap.isEmpty()) {
            double d = heap.topKey();
            int v = heap.pop();
            if (d > dist[v] || d > cutoff) {
                continue; // stale entry, or too far to matter
            }
            for (int i = offsets[v]; i < offsets[v + 1]; i++) {
                double nd = d + costs[i];
                if (nd < dist[targets[i]] && nd <= cutoff) {
                    dist[targets[i]] = nd;
                    heap.push(nd, targets[i]);
                }
            }
        }
        return Arrays.copyOf(dist, nodes);
    }

    /** A binary min-heap of (key, vertex) in parallel arrays; stale entries are skipped by the caller. */
    private static final class Heap {
        private final double[] keys;
        private final int[] values;
        private int size;

        Heap(int capacity) {
            keys = new double[capacity];
            values = new int[capacity];
        }

        boolean isEmpty() {
            return size == 0;
        }

        double topKey() {
            return keys[0];
        }

        void push(double key, int value) {
            int i = size++;
            while (i > 0 && keys[(i - 1) >>> 1] > key) {
                int parent = (i - 1) >>> 1;
                keys[i] = keys[parent];
                values[i] = values[parent];
                i = parent;
            }
            keys[i] = key;
            values[i] = value;
        }

        int pop() {
            int top = values[0];
            double key = keys[--size];
            int value = values[size];
            int i = 0;
            while (2 * i + 1 < size) {
                int child = 2 * i + 1;
                if (child + 1 < size && keys[child + 1] < keys[child]) {
                    child++;
                }
                if (keys[child] >= key) {
                    break;
                }
                keys[i] = keys[child];
                values[i] = values[child];
                i = child;
            }
            keys[i] = key;
            values[i] = value;
            return top;
        }
    }
}
