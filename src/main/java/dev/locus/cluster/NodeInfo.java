package dev.locus.cluster;

import java.util.Map;
import java.util.Objects;

/**
 * What Locus knows of a Node: its name, labels (topology), annotations (storage state) and
 * the little of its status that placement (readiness) and the health monitor read.
 */
public record NodeInfo(String name, Map<String, String> labels, Map<String, String> annotations, NodeStatus status) {
    public NodeInfo {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        Objects.requireNonNull(status, "status");
    }

    /** A node whose status is unknown ({@link NodeStatus#UNKNOWN}): what manifests and most tests describe. */
    public NodeInfo(String name, Map<String, String> labels, Map<String, String> annotations) {
        this(name, labels, annotations, NodeStatus.UNKNOWN);
    }

    /**
     * False when the node's Ready condition is not True or it carries the not-ready or
     * unreachable taint; a node without status (manifests often omit it) is ready.
     */
    public boolean ready() {
        return status.readiness() == NodeStatus.Readiness.READY;
    }
}
