package dev.locus.monitor;

import java.util.Objects;

/**
 * One observed failure of a node's storage.
 *
 * @param node   the node
 * @param kind   what failed
 * @param detail what exactly: the CSI driver's name, "NotReady" or "unreachable", ...; "" when nothing to add
 */
public record NodeFailure(String node, FailureKind kind, String detail) {
    public NodeFailure {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }

    /** "storage-down", "csi-driver-missing (driver.longhorn.io)": for events and the endpoint. */
    public String describe() {
        return detail.isEmpty() ? kind.label() : kind.label() + " (" + detail + ")";
    }
}
