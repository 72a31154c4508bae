package dev.locus.placement;

import dev.locus.cluster.NodeSelector;

/**
 * A bound PV whose {@code spec.nodeAffinity} excludes the node rules the node out for good:
 * the data cannot be reached from there, and preemption cannot change that.
 */
public final class VolumeNodeAffinityFilter implements FilterPlugin {

    @Override
    public String name() {
        return "VolumeNodeAffinity";
    }

    @Override
    public Status filter(CycleState state, NodeView node) {
        if (!node.known()) {
            return Status.SUCCESS;
        }
        for (PodVolume v : state.volumes()) {
            if (v.volume() != null && v.volume().nodeAffinity() != null
                    && !v.volume().nodeAffinity().matches(node.name(), node.labels())) {
                return rejection(state, v);
            }
        }
        return Status.SUCCESS;
    }

    /** Judges by the snapshot's nodes matching each selector, computed once per snapshot. */
    @Override
    public void filter(CycleState state, Candidates candidates, Status[] verdicts) {
        for (PodVolume v : state.volumes()) {
            NodeSelector affinity = v.volume() == null ? null : v.volume().nodeAffinity();
            if (affinity != null) {
                candidates.rejectOutside(state.index().matching(affinity),
                        node -> !node.known() || affinity.matches(node.name(), node.labels()),
                        () -> rejection(state, v), verdicts);
            }
        }
    }

    private static Status rejection(CycleState state, PodVolume v) {
        return state.rejections().of(v, Reasons.NODE_AFFINITY_CONFLICT,
                () -> Status.unresolvable(String.format(Reasons.NODE_AFFINITY_CONFLICT, v.describe())));
    }
}
