package dev.locus.placement;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeInfo;
import dev.locus.locality.HostnameIndex;
import dev.locus.locality.VolumePlacement;
import dev.locus.topology.TopologyIndex;
import dev.locus.cluster.NodeSelector;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Node facts of one snapshot precomputed for the request path: the topology index (ordinals,
 * tier arrays), each node's {@link StorageState} (and so which replicas are healthy), and, per StorageClass on first use, each
 * node's best CSIStorageCapacity limit. Built once per snapshot (one pass over the nodes),
 * read by every request against that snapshot.
 */
public final class ClusterIndex {

    /** What the cached node-affinity matches may hold per snapshot, about. */
    private static final long MATCHING_BYTES = 8L * 1024 * 1024;

    private final ClusterSnapshot snapshot;
    private final TopologyIndex topology;
    private final byte[] states;
    /**
     * The snapshot's nodes by ordinal; never null: a topology index numbers exactly the nodes of
     * the snapshot it was built from (a weighted file's other vertices get no ordinal), and one is
     * reused only for a snapshot with the same node names.
     */
    private final NodeInfo[] nodes;
    private final boolean anyDown;
    private final HostnameIndex hostnames;
    private final Map<String, Capacities.Offer> capacity = new ConcurrentHashMap<>();
    /** The CSI drivers of each node's CSINode, by ordinal; null where the snapshot has no CSINode. */
    private final Set<String>[] csiDrivers;
    /** PV node affinities -> the ordinals of the nodes they match, up to {@link #matchingCap} of them. */
    private final Map<NodeSelector, BitSet> matching = new ConcurrentHashMap<>();
    private final int matchingCap;

    ClusterIndex(ClusterSnapshot snapshot, TopologyIndex topology) {
        this.snapshot = snapshot;
        this.topology = topology;
        this.states = new byte[topology.nodeCount()];
        this.nodes = new NodeInfo[topology.nodeCount()];
        boolean down = false;
        for (NodeInfo node : snapshot.nodes()) {
            StorageState state = StorageState.of(node.annotations());
            int o = topology.ordinal(node.name());
            states[o] = (byte) state.ordinal();
            nodes[o] = node;
            down |= state == StorageState.DOWN;
        }
        this.anyDown = down;
        this.hostnames = HostnameIndex.of(snapshot);
        this.csiDrivers = csiDrivers(snapshot, nodes);
        this.matchingCap = (int) Math.max(16, MATCHING_BYTES / Math.max(1, nodes.length / 8));
    }

    @SuppressWarnings("unchecked")
    private static Set<String>[] csiDrivers(ClusterSnapshot snapshot, NodeInfo[] nodes) {
        Set<String>[] drivers = new Set[nodes.length];
        for (int o = 0; o < nodes.length; o++) {
            drivers[o] = snapshot.csiDrivers(nodes[o].name());
        }
        return drivers;
    }

    /**
     * {@code placement} with its hostname values read as node names ({@link HostnameIndex#byName}):
     * what the filters, the tier arrays and {@code /explain} judge nodes by. The same instance
     * when the placement has no hostname values (replica objects, the replica annotation).
     */
    VolumePlacement byName(VolumePlacement placement) {
        return hostnames.byName(placement);
    }

    /**
     * {@code placement} without the replicas on nodes whose storage is {@code down} in this
     * snapshot: a replica that cannot serve does not make its node, rack or zone close to
     * the data. Zone and region confinement stay. The same instance when nothing is dropped.
     */
    VolumePlacement healthy(VolumePlacement placement) {
        if (!anyDown || placement.replicaNodes().stream().noneMatch(this::down)) {
            return placement;
        }
        Set<String> up = new HashSet<>(placement.replicaNodes());
        up.removeIf(this::down);
        return new VolumePlacement(up, placement.zones(), placement.regions());
    }

    private boolean down(String node) {
        int o = topology.ordinal(node);
        return o >= 0 && states[o] == StorageState.DOWN.ordinal();
    }

    /** The snapshot this index describes. */
    public ClusterSnapshot snapshot() {
        return snapshot;
    }

    /** The topology index of the snapshot's nodes. */
    public TopologyIndex topology() {
        return topology;
    }

    /** The snapshot's node with this ordinal. */
    NodeInfo node(int ordinal) {
        return nodes[ordinal];
    }

    /** The storage state of the node with this ordinal. */
    public StorageState state(int ordinal) {
        return StorageState.of(states[ordinal]);
    }

    /** The drivers node {@code ordinal}'s CSINode lists, or null when the snapshot has no CSINode for it. */
    Set<String> csiDrivers(int ordinal) {
        return csiDrivers[ordinal];
    }

    /**
     * The ordinals of the nodes {@code affinity} matches, computed on first use and kept for
     * this snapshot (up to a cap, about 8 MiB of bit sets; beyond it each use computes them).
     * Read only.
     */
    BitSet matching(NodeSelector affinity) {
        BitSet cached = matching.get(affinity);
        if (cached != null) {
            return cached;
        }
        BitSet matches = new BitSet(nodes.length);
        for (int o = 0; o < nodes.length; o++) {
            if (affinity.matches(nodes[o].name(), nodes[o].labels())) {
                matches.set(o);
            }
        }
        if (matching.size() < matchingCap) {
            matching.putIfAbsent(affinity, matches);
        }
        return matches;
    }

    /** The ordinals of the named nodes this snapshot has. */
    BitSet ordinals(Set<String> names) {
        BitSet ordinals = new BitSet(nodes.length);
        for (String name : names) {
            int o = topology.ordinal(name);
            if (o >= 0) {
                ordinals.set(o);
            }
        }
        return ordinals;
    }

    /**
     * The ordinals of the nodes {@code pinned} allows ({@link PinnedNodes#allows}): those it
     * names, and those whose hostname label is one of its hostnames.
     */
    BitSet ordinals(PinnedNodes pinned) {
        BitSet ordinals = ordinals(pinned.names());
        for (String hostname : pinned.hostnames()) {
            ordinals.or(ordinals(hostnames.labelled(hostname)));
        }
        return ordinals;
    }

    /**
     * The best capacity limit (bytes) any CSIStorageCapacity of {@code storageClass} offers
     * node {@code ordinal}: {@link Capacities#NO_SEGMENT} when none covers it, -1 when those
     * that cover it report nothing.
     */
    long capacityLimit(String storageClass, int ordinal) {
        return offer(storageClass).limit()[ordinal];
    }

    /** The best free capacity (bytes) of {@code storageClass} on node {@code ordinal}; as {@link #capacityLimit}. */
    long capacityFree(String storageClass, int ordinal) {
        return offer(storageClass).free()[ordinal];
    }

    private Capacities.Offer offer(String storageClass) {
        return capacity.computeIfAbsent(storageClass, c -> Capacities.offers(snapshot.capacities(c), snapshot, topology));
    }
}
