package dev.locus.placement;

import dev.locus.cluster.ClaimInfo;
import dev.locus.cluster.VolumeInfo;
import dev.locus.config.LocalityPolicy;
import dev.locus.locality.VolumePlacement;
import java.util.Set;

/**
 * One claim of the pod, resolved once per request.
 *
 * @param claim       the claim, or null when the snapshot does not have it (yet)
 * @param volume      the bound PV, or null (claim unbound, or PV not known yet)
 * @param driver      the CSI driver: the PV's {@code spec.csi.driver}, else, for an unbound
 *                    claim, its StorageClass's provisioner unless in-tree ({@code kubernetes.io/...});
 *                    null when there is none to judge
 * @param placement   where the data lives; {@link VolumePlacement#UNKNOWN} when unknown. For a
 *                    Longhorn volume, without the replicas on nodes whose Longhorn Node reports
 *                    them down, unless every replica is on such nodes ({@link ClusterIndex#serving}):
 *                    the replica nodes policy {@code strict} admits
 * @param downReplicas the replica nodes {@code placement} leaves out because Longhorn reports
 *                    them down (usually none): {@code strict} tells them so
 * @param healthy     where the data lives without the replicas on nodes whose storage is
 *                    {@code down}, or, for a Longhorn volume, whose Longhorn Node reports them
 *                    down ({@link ClusterIndex#healthy}): what proximity is scored against
 * @param weight      how much this volume counts against the pod's others: its requested
 *                    size in bytes (else the PV's capacity), at least 1
 * @param pinnedNodes the nodes the PV's node affinity pins the data to (hostname or
 *                    metadata.name {@code In} in every term), or null when not pinned
 * @param tiers       every node's {@code ProximityTier} ordinal by snapshot node ordinal for
 *                    {@code healthy}, shared with the topology cache (read only); null when
 *                    that is unknown (no locality, or every replica on a down node)
 */
public record PodVolume(String claimName, ClaimInfo claim, VolumeInfo volume, String driver, VolumePlacement placement,
                        Set<String> downReplicas, VolumePlacement healthy, LocalityPolicy policy, long weight,
                        PinnedNodes pinnedNodes, byte[] tiers) {

    /** A short name for reasons: the PV, else the claim. */
    public String describe() {
        return volume != null ? "volume " + volume.name() + " (claim " + claimName + ")" : "claim " + claimName;
    }

    /** True when this volume's proximity counts in the node's score. */
    public boolean scored() {
        return tiers != null && policy != LocalityPolicy.NONE;
    }
}
