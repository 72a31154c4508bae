package dev.locus.placement;

import dev.locus.cluster.ClaimInfo;
import dev.locus.cluster.VolumeInfo;
import dev.locus.config.LocalityPolicy;
import dev.locus.locality.VolumePlacement;

/**
 * One claim of the pod, resolved once per request.
 *
 * @param claim     the claim, or null when the snapshot does not have it (yet)
 * @param volume    the bound PV, or null (claim unbound, or PV not known yet)
 * @param placement where the data lives; {@link VolumePlacement#UNKNOWN} when unknown
 * @param weight    how much this volume counts against the pod's others: its size in bytes,
 *                  at least 1
 */
public record PodVolume(String claimName, ClaimInfo claim, VolumeInfo volume, VolumePlacement placement,
                        LocalityPolicy policy, long weight) {

    /** A short name for reasons: the PV, else the claim. */
    public String describe() {
        return volume != null ? "volume " + volume.name() + " (claim " + claimName + ")" : "claim " + claimName;
    }
}
