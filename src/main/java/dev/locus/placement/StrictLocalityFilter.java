package dev.locus.placement;

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
                return Status.unresolvable(String.format(Reasons.NO_REPLICA_PINNED, v.describe(), pinned.describe()));
            }
            if (v.policy() == LocalityPolicy.STRICT && !v.placement().replicaNodes().isEmpty()
                    && !v.placement().replicaNodes().contains(node.name())) {
                return Status.unresolvable(String.format(Reasons.NO_REPLICA_STRICT, v.describe()));
            }
        }
        return Status.SUCCESS;
    }
}
