package dev.locus.placement;

import dev.locus.api.PodInfo;
import dev.locus.cluster.ClusterSnapshot;
import java.util.List;

/**
 * Everything about the pod that filters and scorers read, computed once per request.
 *
 * @param index          the snapshot's precomputed node facts (ordinals, topology, storage state)
 * @param volumes        the pod's claims, resolved against {@code cluster}
 * @param unknownClaims  claims whose locality is unknown because the claim or its volume is
 *                       missing from the snapshot (e.g. created a moment ago)
 */
public record CycleState(PodInfo pod, ClusterSnapshot cluster, ClusterIndex index, List<PodVolume> volumes,
                         int unknownClaims) {

    public CycleState {
        volumes = List.copyOf(volumes);
    }

    /** True when the pod has no claims: every node passes with equal (minimum) scores. */
    public boolean noClaims() {
        return volumes.isEmpty();
    }
}
