package dev.locus.api;

import java.util.List;

/**
 * The answer to {@code POST /explain}: for each candidate node, every filter verdict and
 * every volume's score component, and the final score /prioritize would return. Wire shape
 * (PascalCase, like the extender protocol): see {@link ExplanationEncoder}.
 *
 * @param pod      "namespace/name"
 * @param nodes    one entry per candidate, in request order
 * @param warnings what the request itself got wrong, e.g. no replica node offered at all
 */
public record Explanation(String pod, List<Node> nodes, List<String> warnings) {

    public Explanation {
        nodes = List.copyOf(nodes);
        warnings = List.copyOf(warnings);
    }

    /**
     * One candidate.
     *
     * @param passed       true when every filter passed (the node would be in the filter reply)
     * @param filters      every filter's verdict, in chain order (not only the first rejection)
     * @param volumes      per-volume score components
     * @param storageState the node's {@code locus.dev/storage-state} annotation: healthy | degraded | down
     *                     (Longhorn's own node state shows in the StorageState filter's verdict, not here)
     * @param penalty      points taken off for the storage state
     * @param score        the final score, exactly as /prioritize computes it
     */
    public record Node(String name, boolean passed, List<Verdict> filters, List<Volume> volumes,
                       String storageState, int penalty, int score) {
        public Node {
            filters = List.copyOf(filters);
            volumes = List.copyOf(volumes);
        }
    }

    /**
     * One filter's verdict.
     *
     * @param code Success | Unschedulable | UnschedulableAndUnresolvable (kube-scheduler's names)
     */
    public record Verdict(String plugin, String code, String reason) {
    }

    /**
     * One volume's part in the score.
     *
     * @param volume the PV name, or null while the claim is unbound
     * @param tier   node | rack | zone | region | elsewhere, or null when locality is unknown
     * @param score  the volume's score at this node, 0..10, or null when it does not count
     *               (unknown locality, or policy none)
     * @param weight the volume's weight: its requested size in bytes
     */
    public record Volume(String claim, String volume, String policy, String tier, Integer score, long weight) {
    }
}
