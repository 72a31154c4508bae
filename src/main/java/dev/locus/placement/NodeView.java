package dev.locus.placement;

import java.util.Map;

/**
 * A candidate node as placement sees it: labels and annotations from the request (Nodes
 * mode) or the cluster snapshot (NodeNames mode).
 *
 * @param known   false when the node is in neither, so nothing can be said about its labels
 * @param ordinal the node's ordinal in the snapshot's topology index, or -1 when the
 *                snapshot does not have it
 */
public record NodeView(String name, Map<String, String> labels, Map<String, String> annotations, boolean known,
                       int ordinal) {
}
