package dev.locus.monitor;

import dev.locus.cluster.ClaimInfo;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ObjectKey;
import dev.locus.cluster.VolumeInfo;
import dev.locus.config.LocalityPolicy;
import dev.locus.locality.HostnameIndex;
import dev.locus.locality.VolumeLocalityIndex;
import dev.locus.placement.PolicyResolver;
import java.util.HashSet;
import java.util.Set;

/**
 * One claim of a monitored pod, resolved against a snapshot.
 *
 * @param claimName    the claim's name
 * @param volume       the bound PV, or null when the claim or its PV is not in the snapshot (or unbound)
 * @param policy       the claim's locality policy
 * @param replicaNodes names of the nodes holding the data, as the locality sources say (hostname values read
 *                     as node names, {@link HostnameIndex#byName}); empty when unknown
 * @param healthy      {@code replicaNodes} without the pod's node and without nodes that are failing
 */
record VolumeFacts(String claimName, VolumeInfo volume, LocalityPolicy policy, Set<String> replicaNodes,
                   Set<String> healthy) {

    /** False when the claim or its PV is missing from the snapshot. */
    boolean resolved() {
        return volume != null;
    }

    /** The data has copies on known nodes, and none of them is healthy and off the pod's node. */
    boolean noHealthyCopy() {
        return !replicaNodes.isEmpty() && healthy.isEmpty();
    }

    String describe() {
        return volume == null ? "claim " + claimName : "volume " + volume.name() + " (claim " + claimName + ")";
    }

    static VolumeFacts of(PodFacts pod, String claimName, ClusterSnapshot snapshot, VolumeLocalityIndex index,
                          HostnameIndex hostnames, PolicyResolver policies, Set<String> failingNodes) {
        ClaimInfo claim = snapshot.claim(new ObjectKey(pod.key().namespace(), claimName));
        VolumeInfo volume = snapshot.volumeOf(claim);
        LocalityPolicy policy = policies.resolve(pod.annotations(), claim,
                claim == null ? null : snapshot.storageClass(claim.storageClass()));
        if (volume == null) {
            return new VolumeFacts(claimName, null, policy, Set.of(), Set.of());
        }
        Set<String> replicas = hostnames.byName(index.placement(volume, snapshot)).replicaNodes();
        Set<String> healthy = new HashSet<>(replicas);
        healthy.remove(pod.node());
        healthy.removeAll(failingNodes);
        healthy.removeIf(node -> snapshot.node(node) == null);
        return new VolumeFacts(claimName, volume, policy, replicas, healthy);
    }
}
