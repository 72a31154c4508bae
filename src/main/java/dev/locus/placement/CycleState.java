package dev.locus.placement;

import dev.locus.api.PodInfo;
import dev.locus.cluster.ClusterSnapshot;
import java.util.List;

/**
 * Everything about the pod that filters and scorers read, computed once per request.
 *
 * @param volumes        the pod's claims, resolved against {@code cluster}
 * @param unknownClaims  claims whose locality is unknown because the claim or its volume is
 *                       missing from the snapshot (e.g. created a moment ago)
 */
public record CycleState(PodInfo pod, ClusterSnapshot cluster, List<PodVolume> volumes, int unknownClaims) {

    /** True when no volume constrains or scores anything: every node passes with equal scores. */
    public boolean neutral() {
        return volumes.stream().allMatch(v -> v.volume() == null && v.placement().unknown());
    }
}
