package dev.locus.cluster;

import java.util.Map;

/** What Locus knows of a Node: its name, labels (topology) and annotations (storage state). */
public record NodeInfo(String name, Map<String, String> labels, Map<String, String> annotations) {
    public NodeInfo {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
    }
}
