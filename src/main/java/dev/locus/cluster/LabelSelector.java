package dev.locus.cluster;

import java.util.List;
import java.util.Map;

/**
 * A Kubernetes LabelSelector (matchLabels AND matchExpressions). An empty selector matches
 * every node, as the API defines; a null selector is represented by {@link #NOTHING}.
 */
public record LabelSelector(Map<String, String> matchLabels, List<NodeSelector.Requirement> matchExpressions,
                            boolean matchesNothing) {

    /** The selector of an absent {@code nodeTopology}: matches no node. */
    public static final LabelSelector NOTHING = new LabelSelector(Map.of(), List.of(), true);

    public LabelSelector {
        matchLabels = Map.copyOf(matchLabels);
        matchExpressions = List.copyOf(matchExpressions);
    }

    public boolean matches(Map<String, String> labels) {
        if (matchesNothing) {
            return false;
        }
        for (Map.Entry<String, String> e : matchLabels.entrySet()) {
            if (!e.getValue().equals(labels.get(e.getKey()))) {
                return false;
            }
        }
        for (NodeSelector.Requirement r : matchExpressions) {
            if (!r.matches(labels.get(r.key()))) {
                return false;
            }
        }
        return true;
    }
}
