package dev.locus.monitor;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.LonghornNodeInfo;
import dev.locus.cluster.NodeInfo;
import dev.locus.cluster.NodeStatus;
import dev.locus.cluster.ReplicaInfo;
import dev.locus.cluster.VolumeInfo;
import dev.locus.locality.LonghornReplicaLocality;
import dev.locus.placement.StorageState;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * What is failing right now, read from one snapshot: a pure function, so every signal has a
 * table-driven test. Whether a failure has lasted its grace period is {@link GraceTracker}'s job.
 */
final class FailureDetector {

    private FailureDetector() {
    }

    /**
     * @param snapshot      the cluster
     * @param neededDrivers per node, the CSI drivers its monitored pods' volumes need
     * @return every failure observed now
     */
    static Set<NodeFailure> observe(ClusterSnapshot snapshot, Map<String, Set<String>> neededDrivers) {
        Set<NodeFailure> failures = new HashSet<>();
        for (NodeInfo node : snapshot.nodes()) {
            if (StorageState.of(node.annotations()) == StorageState.DOWN) {
                failures.add(new NodeFailure(node.name(), FailureKind.STORAGE_DOWN, ""));
            }
            NodeStatus.Readiness readiness = node.status().readiness();
            if (readiness != NodeStatus.Readiness.READY) {
                failures.add(new NodeFailure(node.name(), FailureKind.NODE_NOT_READY,
                        readiness == NodeStatus.Readiness.NOT_READY ? "NotReady" : "unreachable"));
            }
        }
        neededDrivers.forEach((node, drivers) -> missingDrivers(snapshot, node, drivers, failures));
        longhornNodesWithOnlyFailedReplicas(snapshot)
                .forEach(node -> failures.add(new NodeFailure(node, FailureKind.LONGHORN_REPLICAS_FAILED, "")));
        for (LonghornNodeInfo node : snapshot.longhornNodes()) {
            if (node.down()) {
                failures.add(new NodeFailure(node.name(), FailureKind.LONGHORN_NODE_DOWN, longhornDetail(node)));
            }
        }
        return failures;
    }

    /** The Ready condition's reason (e.g. ManagerPodDown), or that the disks are down. */
    private static String longhornDetail(LonghornNodeInfo node) {
        if (node.ready()) {
            return "every disk not ready";
        }
        return node.reason().isEmpty() ? "not Ready" : node.reason();
    }

    /** A node without a CSINode object is not judged: absence proves nothing (as in placement's CSIDriver filter). */
    private static void missingDrivers(ClusterSnapshot snapshot, String node, Set<String> drivers,
                                       Set<NodeFailure> failures) {
        Set<String> registered = snapshot.csiDrivers(node);
        if (registered == null) {
            return;
        }
        for (String driver : drivers) {
            if (!registered.contains(driver)) {
                failures.add(new NodeFailure(node, FailureKind.CSI_DRIVER_MISSING, driver));
            }
        }
    }

    /**
     * Nodes holding at least one Longhorn replica, every one of them failed; empty where Longhorn
     * is not installed. A stopped replica (its volume detached) is not failed: a node holding
     * only those is not failing.
     */
    static Set<String> longhornNodesWithOnlyFailedReplicas(ClusterSnapshot snapshot) {
        Map<String, Boolean> anyNotFailed = new HashMap<>();
        for (VolumeInfo volume : snapshot.volumes()) {
            if (!LonghornReplicaLocality.DRIVER.equals(volume.csiDriver())) {
                continue;
            }
            for (ReplicaInfo replica : snapshot.replicas(volume.volumeHandle())) {
                if (replica.nodeName() != null) {
                    anyNotFailed.merge(replica.nodeName(), !replica.failed(), Boolean::logicalOr);
                }
            }
        }
        Set<String> failed = new HashSet<>();
        anyNotFailed.forEach((node, notFailed) -> {
            if (!notFailed) {
                failed.add(node);
            }
        });
        return failed;
    }
}
