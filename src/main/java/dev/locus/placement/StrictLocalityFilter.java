package dev.locus.placement;

import dev.locus.cluster.LonghornNodeInfo;
import dev.locus.config.LocalityPolicy;

/**
 * A volume whose data is pinned rules out every node without a replica, for good
 * (UnschedulableAndUnresolvable: preemption cannot move data). Pinned means either policy
 * {@code strict} with known replica nodes, or a PV node affinity that names the nodes
 * (hostname / metadata.name), whatever the policy: the latter agrees with
 * {@link VolumeNodeAffinityFilter}, and also holds for nodes the snapshot does not know,
 * since it compares names. Unknown locality never rules anything out.
 */
public final class StrictLocalityFilter implements FilterPlugin {

    @Override
    public String name() {
        return "StrictLocality";
    }

    @Override
    public Status filter(CycleState state, NodeView node) {
        for (PodVolume v : state.volumes()) {
            PinnedNodes pinned = v.pinnedNodes();
            if (pinned != null && !pinned.allows(node)) {
                return pinnedRejection(state, v);
            }
            if (strict(v) && !v.placement().replicaNodes().contains(node.name())) {
                return v.downReplicas().contains(node.name()) ? downReplicaRejection(state, v, node.name())
                        : strictRejection(state, v);
            }
        }
        return Status.SUCCESS;
    }

    /** Judges by snapshot ordinal: each volume's pinned and replica nodes are looked up once. */
    @Override
    public void filter(CycleState state, Candidates candidates, Status[] verdicts) {
        for (PodVolume v : state.volumes()) {
            PinnedNodes pinned = v.pinnedNodes();
            if (pinned != null) {
                candidates.rejectOutside(state.index().ordinals(pinned), pinned::allows,
                        () -> pinnedRejection(state, v), verdicts);
            }
            if (strict(v)) {
                for (String down : v.downReplicas()) { // rare: first, so these nodes are told why
                    candidates.rejectNamed(down, () -> downReplicaRejection(state, v, down), verdicts);
                }
                candidates.rejectOutside(state.index().ordinals(v.placement().replicaNodes()),
                        node -> v.placement().replicaNodes().contains(node.name()),
                        () -> strictRejection(state, v), verdicts);
            }
        }
    }

    private static boolean strict(PodVolume v) {
        return v.policy() == LocalityPolicy.STRICT && !v.placement().replicaNodes().isEmpty();
    }

    private static Status pinnedRejection(CycleState state, PodVolume v) {
        return state.rejections().of(v, Reasons.NO_REPLICA_PINNED, () -> Status.unresolvable(
                String.format(Reasons.NO_REPLICA_PINNED, v.describe(), v.pinnedNodes().describe())));
    }

    private static Status downReplicaRejection(CycleState state, PodVolume v, String node) {
        LonghornNodeInfo info = state.index().longhornDown(node);
        String what = info == null ? "down" : !info.ready() ? "not Ready (" + info.readyReason() + ")"
                : "with every disk down";
        return state.rejections().of(v, what, () -> Status.unresolvable(String.format(Reasons.REPLICA_NODE_DOWN,
                v.describe(), what)));
    }

    private static Status strictRejection(CycleState state, PodVolume v) {
        return state.rejections().of(v, Reasons.NO_REPLICA_STRICT,
                () -> Status.unresolvable(String.format(Reasons.NO_REPLICA_STRICT, v.describe())));
    }
}
