package dev.locus.placement;

import dev.locus.config.LocalityPolicy;
import java.util.Set;
import java.util.TreeSet;

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
            Set<String> pinned = v.pinnedNodes();
            if (pinned != null && !PinnedNodes.allows(pinned, node.name(), node.labels())) {
                return state.rejections().of(v, Reasons.NO_REPLICA_PINNED, () -> Status.unresolvable(
                        String.format(Reasons.NO_REPLICA_PINNED, v.describe(), new TreeSet<>(pinned))));
            }
            if (v.policy() == LocalityPolicy.STRICT && !v.placement().replicaNodes().isEmpty()
                    && !v.placement().replicaNodes().contains(node.name())) {
                return state.rejections().of(v, Reasons.NO_REPLICA_STRICT,
                        () -> Status.unresolvable(String.format(Reasons.NO_REPLICA_STRICT, v.describe())));
            }
        }
        return Status.SUCCESS;
    }
}
