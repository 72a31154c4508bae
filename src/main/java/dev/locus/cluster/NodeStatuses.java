package dev.locus.cluster;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/** Reduces a fabric8 Node's spec and status to a {@link NodeStatus}. */
final class NodeStatuses {

    private NodeStatuses() {
    }

    static NodeStatus of(Node node) {
        boolean unschedulable = node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
        List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of()
                : node.getSpec().getTaints();
        if (node.getStatus() == null) {
            return new NodeStatus(fromTaints(taints, NodeStatus.Readiness.READY), unschedulable, -1, -1);
        }
        Map<String, Quantity> allocatable = node.getStatus().getAllocatable() == null ? Map.of()
                : node.getStatus().getAllocatable();
        NodeStatus.Readiness byCondition = readyCondition(node.getStatus().getConditions());
        return new NodeStatus(fromTaints(taints, byCondition), unschedulable,
                amount(allocatable.get("cpu"), 1000), amount(allocatable.get("memory"), 1));
    }

    /** The Ready condition's verdict; a node that states none is taken as ready (nothing says otherwise). */
    private static NodeStatus.Readiness readyCondition(List<NodeCondition> conditions) {
        if (conditions == null) {
            return NodeStatus.Readiness.READY;
        }
        for (NodeCondition condition : conditions) {
            if ("Ready".equals(condition.getType())) {
                return switch (String.valueOf(condition.getStatus())) {
                    case "False" -> NodeStatus.Readiness.NOT_READY;
                    case "Unknown" -> NodeStatus.Readiness.UNREACHABLE;
                    default -> NodeStatus.Readiness.READY;
                };
            }
        }
        return NodeStatus.Readiness.READY;
    }

    /** The lifecycle controller's taints say the same as the condition, sometimes earlier; the worse wins. */
    private static NodeStatus.Readiness fromTaints(List<Taint> taints, NodeStatus.Readiness byCondition) {
        NodeStatus.Readiness worst = byCondition;
        for (Taint taint : taints) {
            if (NodeStatus.UNREACHABLE_TAINT.equals(taint.getKey())) {
                worst = NodeStatus.Readiness.UNREACHABLE;
            } else if (NodeStatus.NOT_READY_TAINT.equals(taint.getKey()) && worst == NodeStatus.Readiness.READY) {
                worst = NodeStatus.Readiness.NOT_READY;
            }
        }
        return worst;
    }

    /** A quantity times {@code scale}, rounded up; -1 when absent or unreadable. */
    private static long amount(Quantity quantity, int scale) {
        if (quantity == null) {
            return -1;
        }
        try {
            BigDecimal value = quantity.getNumericalAmount().multiply(BigDecimal.valueOf(scale));
            return value.signum() < 0 ? -1 : value.setScale(0, RoundingMode.CEILING).longValueExact();
        } catch (RuntimeException e) {
            return -1;
        }
    }
}
