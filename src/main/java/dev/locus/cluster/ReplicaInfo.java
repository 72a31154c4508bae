package dev.locus.cluster;

/**
 * A storage system's replica object (today: a Longhorn {@code replicas.longhorn.io}).
 *
 * @param name       {@code namespace/name} of the replica object
 * @param volumeName the storage system's volume name (for Longhorn, the PV's CSI volumeHandle)
 * @param nodeName   the node holding the replica's data, or null when not scheduled yet
 * @param healthy    running and not failed ({@code status.currentState} running, no {@code spec.failedAt})
 */
public record ReplicaInfo(String name, String volumeName, String nodeName, boolean healthy) {
}
