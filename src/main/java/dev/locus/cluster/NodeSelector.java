package dev.locus.cluster;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kubernetes NodeSelector ({@code PV spec.nodeAffinity.required}) evaluated as the API
 * defines it: terms are ORed, the requirements inside a term are ANDed, an empty term
 * matches nothing.
 */
public record NodeSelector(List<Term> terms) {

    /** Well-known label keys the locality rules read. */
    public static final String HOSTNAME = "kubernetes.io/hostname";
    public static final String ZONE = "topology.kubernetes.io/zone";
    public static final String REGION = "topology.kubernetes.io/region";

    public NodeSelector {
        terms = List.copyOf(terms);
    }

    /** One nodeSelectorTerm: label expressions and field expressions (only metadata.name exists). */
    public record Term(List<Requirement> matchExpressions, List<Requirement> matchFields) {
        public Term {
            matchExpressions = List.copyOf(matchExpressions);
            matchFields = List.copyOf(matchFields);
        }

        boolean matches(String nodeName, Map<String, String> labels) {
            if (matchExpressions.isEmpty() && matchFields.isEmpty()) {
                return false;
            }
            for (Requirement r : matchExpressions) {
                if (!r.matches(labels.get(r.key()))) {
                    return false;
                }
            }
            for (Requirement r : matchFields) {
                if (!r.matches("metadata.name".equals(r.key()) ? nodeName : null)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One requirement: key, operator (In, NotIn, Exists, DoesNotExist, Gt, Lt) and values. */
    public record Requirement(String key, String operator, Set<String> values) {
        public Requirement {
            values = Set.copyOf(values);
        }

        /** True when a label (or field) with this value, null when absent, satisfies the requirement. */
        public boolean matches(String value) {
            return switch (operator) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                case "Gt" -> compare(value) == 1;
                case "Lt" -> compare(value) == -1;
                default -> false;
            };
        }

        /** Sign (-1, 0, 1) of value minus the single integer operand; MIN_VALUE when either is not an integer. */
        private int compare(String value) {
            if (value == null || values.size() != 1) {
                return Integer.MIN_VALUE;
            }
            try {
                return Long.compare(Long.parseLong(value), Long.parseLong(values.iterator().next()));
            } catch (NumberFormatException e) {
                return Integer.MIN_VALUE;
            }
        }
    }

    /** True when a node with this name and these labels satisfies the selector. */
    public boolean matches(String nodeName, Map<String, String> labels) {
        for (Term term : terms) {
            if (term.matches(nodeName, labels)) {
                return true;
            }
        }
        return false;
    }
}
