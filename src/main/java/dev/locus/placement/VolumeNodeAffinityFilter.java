package dev.locus.placement;

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
                return state.rejections().of(v, Reasons.NODE_AFFINITY_CONFLICT,
                        () -> Status.unresolvable(String.format(Reasons.NODE_AFFINITY_CONFLICT, v.describe())));
            }
        }
        return Status.SUCCESS;
    }
}
