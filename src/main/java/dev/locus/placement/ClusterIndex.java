package dev.locus.placement;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeInfo;
import dev.locus.topology.TopologyIndex;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Node facts of one snapshot precomputed for the request path: the topology index (ordinals,
 * tier arrays), each node's {@link StorageState}, and, per StorageClass on first use, each
 * node's best CSIStorageCapacity limit. Built once per snapshot (one pass over the nodes),
 * read by every request against that snapshot.
 */
public final class ClusterIndex {

    private final ClusterSnapshot snapshot;
    private final TopologyIndex topology;
    private final byte[] states;
    private final Map<String, long[]> capacity = new ConcurrentHashMap<>();

    ClusterIndex(ClusterSnapshot snapshot, TopologyIndex topology) {
        this.snapshot = snapshot;
        this.topology = topology;
        this.states = new byte[topology.nodeCount()];
        for (NodeInfo node : snapshot.nodes()) {
            states[topology.ordinal(node.name())] = (byte) StorageState.of(node.annotations()).ordinal();
        }
    }

    /** The snapshot this index describes. */
    public ClusterSnapshot snapshot() {
        return snapshot;
    }

    /** The topology index of the snapshot's nodes. */
    public TopologyIndex topology() {
        return topology;
    }

    /** The storage state of the node with this ordinal. */
    public StorageState state(int ordinal) {
        return StorageState.of(states[ordinal]);
    }

    /**
     * The best capacity limit (bytes) any CSIStorageCapacity of {@code storageClass} offers
     * node {@code ordinal}: {@link Capacities#NO_SEGMENT} when none covers it, -1 when those
     * that cover it report nothing.
     */
    long capacityLimit(String storageClass, int ordinal) {
        return capacity.computeIfAbsent(storageClass,
                c -> Capacities.limits(snapshot.capacities(c), snapshot, topology))[ordinal];
    }
}
