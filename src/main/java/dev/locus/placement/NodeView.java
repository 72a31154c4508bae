package dev.locus.placement;

import java.util.Map;

/**
 * A candidate node as placement sees it: labels and annotations from the request (Nodes
 * mode) or the cluster snapshot (NodeNames mode).
 *
 * @param known false when the node is in neither, so nothing can be said about it
 */
public record NodeView(String name, Map<String, String> labels, Map<String, String> annotations, boolean known) {
}
