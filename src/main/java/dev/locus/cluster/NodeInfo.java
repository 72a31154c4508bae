package dev.locus.cluster;

import java.util.Map;

/**
 * What Locus knows of a Node: its name, labels (topology), annotations (storage state) and
 * readiness.
 *
 * @param ready false only when the node reports its {@code Ready} condition other than
 *              {@code True}; a node without conditions (manifests often omit status) is ready
 */
public record NodeInfo(String name, Map<String, String> labels, Map<String, String> annotations, boolean ready) {
    public NodeInfo {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }

    /** A ready node. */
    public NodeInfo(String name, Map<String, String> labels, Map<String, String> annotations) {
        this(name, labels, annotations, true);
    }
}
