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
 * @param rejections     the cycle's rejections, each made once and shared by the nodes it rules out
 */
public record CycleState(PodInfo pod, ClusterSnapshot cluster, ClusterIndex index, List<PodVolume> volumes,
                         int unknownClaims, Rejections rejections) {

    public CycleState {
        volumes = List.copyOf(volumes);
    }

    /** A cycle state with no rejection made yet. */
    public CycleState(PodInfo pod, ClusterSnapshot cluster, ClusterIndex index, List<PodVolume> volumes,
                      int unknownClaims) {
        this(pod, cluster, index, volumes, unknownClaims, new Rejections());
    }

    /** True when the pod has no claims: every node passes with equal (minimum) scores. */
    public boolean noClaims() {
        return volumes.isEmpty();
    }
}
