package dev.locus.monitor;

import dev.locus.config.MonitorSettings;
import java.time.Duration;

/** The ways a node's storage counts as failed, each with its own grace period. */
public enum FailureKind {
    /** The node annotation {@code locus.dev/storage-state: down}, written by an operator or a storage agent. */
    STORAGE_DOWN("storage-down"),
    /** The volume's CSI driver is no longer registered in the node's CSINode (plugin gone or crashed). */
    CSI_DRIVER_MISSING("csi-driver-missing"),
    /** The Node's Ready condition is False or Unknown, or it carries the not-ready / unreachable taint. */
    NODE_NOT_READY("node-not-ready"),
    /** Longhorn holds replicas on the node and reports every one of them failed. */
    LONGHORN_REPLICAS_FAILED("longhorn-replicas-failed"),
    /** Longhorn's own node object ({@code nodes.longhorn.io}) is not Ready, or every disk on it is not ready. */
    LONGHORN_NODE_DOWN("longhorn-node-down");

    private final String label;

    FailureKind(String label) {
        this.label = label;
    }

    /** The name in metrics, events and {@code /monitor}. */
    public String label() {
        return label;
    }

    /** How long this failure must last before the monitor acts on it. */
    public Duration grace(MonitorSettings settings) {
        return switch (this) {
            case STORAGE_DOWN -> settings.graceStorageDown();
            case CSI_DRIVER_MISSING -> settings.graceCsiDriverMissing();
            case NODE_NOT_READY -> settings.graceNodeNotReady();
            case LONGHORN_REPLICAS_FAILED -> settings.graceLonghorn();
            case LONGHORN_NODE_DOWN -> settings.graceLonghornNodeDown();
        };
    }
}
