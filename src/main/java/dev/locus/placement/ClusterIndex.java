package dev.locus.placement;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.LonghornNodeInfo;
import dev.locus.cluster.NodeInfo;
import dev.locus.locality.HostnameIndex;
import dev.locus.locality.LonghornReplicaLocality;
import dev.locus.locality.VolumePlacement;
import dev.locus.topology.TopologyIndex;
import dev.locus.cluster.NodeSelector;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Node facts of one snapshot precomputed for the request path: the topology index (ordinals,
 * tier arrays), each node's {@link StorageState} and Longhorn node state (and so which
 * replicas are healthy), and, per StorageClass on first use, each node's best
 * CSIStorageCapacity limit. Built once per snapshot (one pass over the nodes),
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
    /** The Longhorn Node objects that report their node down ({@link LonghornNodeInfo#down()}), by name; often empty. */
    private final Map<String, LonghornNodeInfo> longhornDown = new HashMap<>();
    /** Those of them not Ready, by ordinal (null elsewhere); null when there is none. */
    private final LonghornNodeInfo[] longhornNotReady;
    private final boolean anyLonghornNotReady;
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
        this.longhornNotReady = indexLonghornNodes(snapshot, topology);
        this.anyLonghornNotReady = longhornDown.values().stream().anyMatch(n -> !n.ready());
        this.hostnames = HostnameIndex.of(snapshot);
        this.csiDrivers = csiDrivers(snapshot, nodes);
        this.matchingCap = (int) Math.max(16, MATCHING_BYTES / Math.max(1, nodes.length / 8));
    }

    /** Fills {@link #longhornDown}; returns the not-Ready ones by ordinal, or null when there is none. */
    private LonghornNodeInfo[] indexLonghornNodes(ClusterSnapshot snapshot, TopologyIndex topology) {
        LonghornNodeInfo[] notReady = null;
        for (LonghornNodeInfo node : snapshot.longhornNodes()) {
            if (!node.down()) {
                continue;
            }
            longhornDown.put(node.name(), node);
            int o = topology.ordinal(node.name());
            if (o >= 0 && !node.ready()) {
                notReady = notReady == null ? new LonghornNodeInfo[topology.nodeCount()] : notReady;
                notReady[o] = node;
            }
        }
        return notReady;
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
     * snapshot and, for a Longhorn volume ({@code csiDriver} {@value LonghornReplicaLocality#DRIVER}),
     * on nodes whose Longhorn Node reports them down: a replica that cannot serve does not make
     * its node, rack or zone close to the data. Zone and region confinement stay. The same
     * instance when nothing is dropped.
     */
    VolumePlacement healthy(VolumePlacement placement, String csiDriver) {
        boolean longhorn = longhorn(csiDriver);
        if (!anyDown && !longhorn) {
            return placement;
        }
        return without(placement, node -> down(node) || longhorn && longhornDown.containsKey(node));
    }

    /**
     * The replica nodes policy {@code strict} admits: {@code placement} without the replicas of
     * a Longhorn volume on nodes whose Longhorn Node reports them down, unless that leaves none
     * (then the pod waits for them, as for storage {@code down}: {@link StorageStateFilter}
     * rejects them while Longhorn reports them not Ready). The same instance when nothing is dropped.
     */
    VolumePlacement serving(VolumePlacement placement, String csiDriver) {
        if (!longhorn(csiDriver)) {
            return placement;
        }
        VolumePlacement serving = without(placement, longhornDown::containsKey);
        return serving.replicaNodes().isEmpty() ? placement : serving;
    }

    private boolean longhorn(String csiDriver) {
        return !longhornDown.isEmpty() && LonghornReplicaLocality.DRIVER.equals(csiDriver);
    }

    private static VolumePlacement without(VolumePlacement placement, Predicate<String> unusable) {
        if (placement.replicaNodes().stream().noneMatch(unusable)) {
            return placement;
        }
        Set<String> up = new HashSet<>(placement.replicaNodes());
        up.removeIf(unusable);
        return new VolumePlacement(up, placement.zones(), placement.regions());
    }

    private boolean down(String node) {
        int o = topology.ordinal(node);
        return o >= 0 && states[o] == StorageState.DOWN.ordinal();
    }

    /**
     * The Longhorn Node object of the node with this ordinal (or, when -1, this name) when it
     * reports the node not Ready: Longhorn's manager cannot attach volumes there. Else null;
     * one null check where every Longhorn node is Ready, or Longhorn is not there.
     */
    LonghornNodeInfo longhornNotReady(int ordinal, String name) {
        if (!anyLonghornNotReady) {
            return null;
        }
        LonghornNodeInfo info = ordinal >= 0 ? (longhornNotReady == null ? null : longhornNotReady[ordinal])
                : longhornDown.get(name);
        return info != null && !info.ready() ? info : null;
    }

    /** The Longhorn Node object of {@code name} when it reports the node down ({@link LonghornNodeInfo#down()}), else null. */
    LonghornNodeInfo longhornDown(String name) {
        return longhornDown.get(name);
    }

    /** True when some Longhorn Node object reports its node not Ready. */
    boolean anyLonghornNotReady() {
        return anyLonghornNotReady;
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
