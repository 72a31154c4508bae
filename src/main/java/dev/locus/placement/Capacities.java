package dev.locus.placement;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeInfo;
import dev.locus.cluster.StorageCapacityInfo;
import dev.locus.topology.TopologyIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which CSIStorageCapacity covers which node, and with how much. As kube-scheduler's volume
 * binder has it, a capacity object's limit is its {@code maximumVolumeSize} when reported,
 * else its {@code capacity}; an object that reports neither offers nothing.
 *
 * <p>Matching K capacity objects against N nodes naively is K x N selector checks; with
 * per-node segments (TopoLVM publishes one object per node) that is 25 million at 5000
 * nodes. Objects are therefore looked up through their first {@code matchLabels} entry:
 * one pass groups the nodes by that label, then each object checks only its group.
 */
final class Capacities {

    /** The limit of a node no capacity object covers. */
    static final long NO_SEGMENT = Long.MIN_VALUE;

    private Capacities() {
    }

    /** An object's limit in bytes, or -1 when it reports none. */
    static long limit(StorageCapacityInfo c) {
        return c.maximumVolumeSize() >= 0 ? c.maximumVolumeSize() : c.capacityBytes() >= 0 ? c.capacityBytes() : -1;
    }

    /** An object's free capacity in bytes, or -1 when it reports none. */
    static long free(StorageCapacityInfo c) {
        return c.capacityBytes() >= 0 ? c.capacityBytes() : -1;
    }

    /**
     * What one class's capacity objects offer each node ordinal: {@code limit}, the best
     * per-volume limit (what one claim must fit), and {@code free}, the best free capacity
     * (what the claims of one pool must fit together); {@link #NO_SEGMENT} when no object
     * covers the node, -1 when those that do report nothing.
     */
    record Offer(long[] limit, long[] free) {
    }

    /** The best limit and free capacity per node ordinal over {@code capacities}. */
    static Offer offers(List<StorageCapacityInfo> capacities, ClusterSnapshot snapshot, TopologyIndex topology) {
        NodeInfo[] nodes = new NodeInfo[topology.nodeCount()];
        snapshot.nodes().forEach(n -> nodes[topology.ordinal(n.name())] = n);
        long[] limit = new long[nodes.length];
        long[] free = new long[nodes.length];
        Arrays.fill(limit, NO_SEGMENT);
        Arrays.fill(free, NO_SEGMENT);
        Map<String, Map<String, List<Integer>>> groups = groups(capacities, nodes);
        for (StorageCapacityInfo c : capacities) {
            for (int o : candidates(c, groups, nodes.length)) {
                if (c.nodeTopology().matches(nodes[o].labels())) {
                    limit[o] = Math.max(limit[o], limit(c));
                    free[o] = Math.max(free[o], free(c));
                }
            }
        }
        return new Offer(limit, free);
    }

    /** The best limit ({@code free} false) or free capacity for one node, by its labels. */
    static long offer(List<StorageCapacityInfo> capacities, Map<String, String> labels, boolean free) {
        long best = NO_SEGMENT;
        for (StorageCapacityInfo c : capacities) {
            if (c.nodeTopology().matches(labels)) {
                best = Math.max(best, free ? free(c) : limit(c));
            }
        }
        return best;
    }

    /** label key -> value -> node ordinals, for the first matchLabels key of each object. */
    private static Map<String, Map<String, List<Integer>>> groups(List<StorageCapacityInfo> capacities, NodeInfo[] nodes) {
        Map<String, Map<String, List<Integer>>> groups = new HashMap<>();
        for (StorageCapacityInfo c : capacities) {
            String key = firstKey(c);
            if (key != null && !groups.containsKey(key)) {
                Map<String, List<Integer>> byValue = new HashMap<>();
                for (int o = 0; o < nodes.length; o++) {
                    String value = nodes[o].labels().get(key);
                    if (value != null) {
                        byValue.computeIfAbsent(value, v -> new ArrayList<>()).add(o);
                    }
                }
                groups.put(key, byValue);
            }
        }
        return groups;
    }

    private static Iterable<Integer> candidates(StorageCapacityInfo c, Map<String, Map<String, List<Integer>>> groups, int n) {
        if (c.nodeTopology().matchesNothing()) {
            return List.of();
        }
        String key = firstKey(c);
        if (key == null) {
            List<Integer> all = new ArrayList<>(n);
            for (int o = 0; o < n; o++) {
                all.add(o);
            }
            return all;
        }
        return groups.get(key).getOrDefault(c.nodeTopology().matchLabels().get(key), List.of());
    }

    private static String firstKey(StorageCapacityInfo c) {
        return c.nodeTopology().matchLabels().isEmpty() ? null : c.nodeTopology().matchLabels().keySet().iterator().next();
    }
}
