package dev.locus.api;

import java.util.List;

/**
 * A decoded filter or prioritize request ({@code ExtenderArgs} on the wire).
 *
 * @param body the raw request bytes, kept so Nodes-mode replies can echo node objects
 */
public record ExtenderArgs(PodInfo pod, NodeMode mode, List<CandidateNode> nodes, byte[] body) {
    public ExtenderArgs {
        nodes = List.copyOf(nodes);
    }
}
