package dev.locus.cluster;

/**
 * A storage system's replica object (today: a Longhorn {@code replicas.longhorn.io}).
 *
 * @param name       {@code namespace/name} of the replica object
 * @param volumeName the storage system's volume name (for Longhorn, the PV's CSI volumeHandle)
 * @param nodeName   the node holding the replica's data, or null when not scheduled yet
 * @param healthy    running and not failed ({@code status.currentState} running, no {@code spec.failedAt}):
 *                   it serves the data now
 * @param failed     failed ({@code spec.failedAt} set, or {@code status.currentState} error); a replica
 *                   that is merely stopped (its volume detached: a scaled-down StatefulSet, an unused
 *                   claim) is neither healthy nor failed
 */
public record ReplicaInfo(String name, String volumeName, String nodeName, boolean healthy, boolean failed) {

    /** A replica that is running, or failed: nothing in between (tests, and sources without a stopped state). */
    public ReplicaInfo(String name, String volumeName, String nodeName, boolean healthy) {
        this(name, volumeName, nodeName, healthy, !healthy);
    }
}
