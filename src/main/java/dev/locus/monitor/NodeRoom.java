package dev.locus.monitor;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeInfo;
import dev.locus.cluster.NodeStatus;
import dev.locus.placement.StorageState;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Whether a node has room for one more pod, for rebalancing: the node is ready, schedulable,
 * its storage is not down or failing, its allocatable CPU and memory are known, and the
 * requests of every pod on it plus the moving pod's fit. A rough check of what the
 * scheduler will check precisely; it only keeps the monitor from evicting a pod that could
 * not land next to its data anyway.
 */
final class NodeRoom {

    private final ClusterSnapshot snapshot;
    private final Set<String> failingNodes;
    private final Map<String, long[]> used = new HashMap<>();

    private NodeRoom(ClusterSnapshot snapshot, Set<String> failingNodes) {
        this.snapshot = snapshot;
        this.failingNodes = failingNodes;
    }

    /** @param allPods every scheduled pod (any scheduler), whose requests take room */
    static NodeRoom of(ClusterSnapshot snapshot, Iterable<PodFacts> allPods, Set<String> failingNodes) {
        NodeRoom room = new NodeRoom(snapshot, failingNodes);
        for (PodFacts pod : allPods) {
            if (pod.node() != null && !pod.finished()) {
                long[] sum = room.used.computeIfAbsent(pod.node(), n -> new long[2]);
                sum[0] += pod.milliCpu();
                sum[1] += pod.memory();
            }
        }
        return room;
    }

    /** True when {@code pod} would fit on {@code node} now. */
    boolean fits(String node, PodFacts pod) {
        NodeInfo info = snapshot.node(node);
        if (info == null || failingNodes.contains(node) || StorageState.of(info.annotations()) == StorageState.DOWN) {
            return false;
        }
        NodeStatus status = info.status();
        if (status.readiness() != NodeStatus.Readiness.READY || status.unschedulable()
                || status.allocatableMilliCpu() < 0 || status.allocatableMemory() < 0) {
            return false;
        }
        long[] sum = used.getOrDefault(node, new long[2]);
        return sum[0] + pod.milliCpu() <= status.allocatableMilliCpu()
                && sum[1] + pod.memory() <= status.allocatableMemory();
    }
}
