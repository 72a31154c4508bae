package dev.locus.cluster;

import java.util.Objects;

/**
 * What Longhorn itself says of a node: its {@code nodes.longhorn.io} object (v1beta2), which
 * Longhorn's manager keeps for every Kubernetes node it runs on, under the same name.
 *
 * @param name        the node's name (the Kubernetes Node's name)
 * @param ready       false when the object's {@code Ready} condition is there and not True (Longhorn
 *                    sets it False when the Kubernetes node is NotReady or gone, or its manager pod is
 *                    down); true when it is True or not reported yet (nothing to judge)
 * @param reason      the {@code Ready} condition's reason when not ready (e.g. {@code ManagerPodDown}),
 *                    else ""
 * @param schedulable false when the {@code Schedulable} condition is there and not True (Longhorn
 *                    places no new replica here); true otherwise
 * @param disksDown   true when the node has disks and every one reports its {@code Ready} condition
 *                    not True ({@code status.diskStatus.*.conditions}): no replica data on it is
 *                    reachable; false when a disk is ready or none is reported
 */
public record LonghornNodeInfo(String name, boolean ready, String reason, boolean schedulable, boolean disksDown) {
    public LonghornNodeInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(reason, "reason");
    }

    /** The Ready condition's reason as a rejection names it (e.g. ManagerPodDown), or that none was given. */
    public String readyReason() {
        return reason.isEmpty() ? "no reason given" : reason;
    }

    /** True when Longhorn reports the node's storage unusable: not Ready, or every disk not ready. */
    public boolean down() {
        return !ready || disksDown;
    }
}
