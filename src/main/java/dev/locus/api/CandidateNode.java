package dev.locus.api;

import java.util.Map;

/**
 * One node offered by kube-scheduler.
 *
 * @param labels      the node's labels from the request (Nodes mode); null in NodeNames mode,
 *                    where the cluster snapshot supplies them
 * @param annotations likewise
 * @param start       offset of the node's JSON object in the request body (Nodes mode), so
 *                    the filter reply can echo its bytes instead of re-serialising it
 * @param end         offset just past that object
 */
public record CandidateNode(String name, Map<String, String> labels, Map<String, String> annotations,
                            int start, int end) {

    /** A node offered by name only (NodeNames mode). */
    public static CandidateNode named(String name) {
        return new CandidateNode(name, null, null, -1, -1);
    }
}
