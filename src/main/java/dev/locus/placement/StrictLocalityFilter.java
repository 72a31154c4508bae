package dev.locus.placement;

import dev.locus.config.LocalityPolicy;

/**
 * A volume under policy {@code strict} whose replica nodes are known rules out every other
 * node. Unknown locality never rules anything out.
 */
public final class StrictLocalityFilter implements FilterPlugin {

    @Override
    public String name() {
        return "StrictLocality";
    }

    @Override
    public Status filter(CycleState state, NodeView node) {
        for (PodVolume v : state.volumes()) {
            if (v.policy() == LocalityPolicy.STRICT && !v.placement().replicaNodes().isEmpty()
                    && !v.placement().replicaNodes().contains(node.name())) {
                return Status.unresolvable(String.format(Reasons.NO_REPLICA_STRICT, v.describe()));
            }
        }
        return Status.SUCCESS;
    }
}
