package dev.locus.config;

/**
 * The score (0..10) of each proximity tier, closest first: what a node is worth to a volume
 * whose nearest healthy replica is on the node itself, in its rack, its zone, its region, or
 * farther. Keys {@code placement.tiers.node|rack|zone|region|elsewhere}.
 *
 * <p>The ladder must not increase with distance; the default is steep at the top because a
 * local replica skips the network entirely, while "same region" versus "elsewhere" is only
 * latency.
 */
public record TierLadder(int node, int rack, int zone, int region, int elsewhere) {

    /** 10 / 7 / 4 / 2 / 0. */
    public static final TierLadder DEFAULT = new TierLadder(10, 7, 4, 2, 0);

    /** Lowest and highest score of a tier: kube-scheduler's MinExtenderPriority and MaxExtenderPriority. */
    public static final int MIN = 0;
    public static final int MAX = 10;

    /** Validates range and order; the message names the offending key. */
    public TierLadder {
        String[] keys = LocusConfig.TIER_KEYS;
        int[] scores = {node, rack, zone, region, elsewhere};
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] < MIN || scores[i] > MAX) {
                throw new ConfigException(keys[i] + " must be in " + MIN + ".." + MAX + ", got " + scores[i]);
            }
            if (i > 0 && scores[i] > scores[i - 1]) {
                throw new ConfigException(keys[i] + " (" + scores[i] + ") must not exceed " + keys[i - 1] + " ("
                        + scores[i - 1] + "): the ladder must not rise with distance");
            }
        }
    }

    /** The scores closest first, in the order of {@code topology.ProximityTier}. */
    public int[] scores() {
        return new int[] {node, rack, zone, region, elsewhere};
    }
}
