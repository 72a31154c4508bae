package dev.locus.placement;

import dev.locus.config.LocalityPolicy;
import dev.locus.config.TierLadder;
import dev.locus.topology.ProximityTier;
import java.util.ArrayList;
import java.util.List;

/**
 * The score plugin, and the ONE place scores are combined and normalised to 0..10.
 *
 * <p>Per volume: its tier at the node, through the ladder ({@code placement.tiers.*});
 * policy {@code spread} mirrors it (10 - ladder) so nodes WITHOUT a replica win. Volumes
 * combine as the mean weighted by requested size, so a 1 TiB database outweighs a 1 GiB
 * scratch claim; volumes of unknown locality or policy {@code none} do not count. When none
 * counts but the pod has claims, every node starts at 10. Then a {@code degraded} node loses
 * {@code placement.degradedPenalty} points, and the result is rounded half up and clamped.
 * Pods without claims score 0 everywhere. Identical inputs give identical scores, so nodes
 * equally close to the data tie and kube-scheduler's own plugins decide among them.
 *
 * <p>Hot path: per volume a 5-entry fixed-point table of {@code weight share x score} per
 * tier, then per candidate one byte load from the volume's precomputed tier array (indexed
 * by the ordinal resolved once per request) and one integer add; no hashing, no allocation
 * per node.
 */
public final class ProximityScore {

    /**
     * Means are summed in fixed point with this many fraction bits: integer adds are the
     * cheapest thing per node-volume, and 10 x 2^20 leaves int headroom. Each rounded
     * contribution is off by at most half a unit (2^-21 points), so adding one unit per
     * volume before truncating keeps exact x.5 means rounding up, and no mean that is not
     * within ~10^-5 of x.5 can round differently from exact arithmetic.
     */
    private static final int FRACTION_BITS = 20;
    private static final int TIERS = ProximityTier.values().length;

    private final int[] ladder;
    private final int degradedPenalty;

    /**
     * @param ladder          the score of each tier
     * @param degradedPenalty points a degraded node loses, 0..10
     */
    public ProximityScore(TierLadder ladder, int degradedPenalty) {
        if (degradedPenalty < TierLadder.MIN || degradedPenalty > TierLadder.MAX) {
            throw new IllegalArgumentException("degradedPenalty must be in 0..10, got " + degradedPenalty);
        }
        this.ladder = ladder.scores();
        this.degradedPenalty = degradedPenalty;
    }

    /** What one volume under {@code policy} contributes at {@code tier}, 0..10. */
    public int volumeScore(LocalityPolicy policy, ProximityTier tier) {
        int score = ladder[tier.ordinal()];
        return policy == LocalityPolicy.SPREAD ? TierLadder.MAX - score : score;
    }

    /** Points a node in {@code state} loses. */
    public int penalty(StorageState state) {
        return state == StorageState.DEGRADED ? degradedPenalty : 0;
    }

    /** Final scores of every candidate, 0..10, in candidate order. */
    int[] scores(CycleState state, Candidates candidates) {
        int n = candidates.size();
        int[] scores = new int[n];
        if (state.noClaims()) {
            return scores;
        }
        List<PodVolume> counted = new ArrayList<>(state.volumes().size());
        double total = 0;
        for (PodVolume v : state.volumes()) {
            if (v.scored()) {
                counted.add(v);
                total += v.weight();
            }
        }
        int[] ordinals = candidates.ordinals();
        int[] sums = new int[n];
        if (counted.isEmpty()) {
            java.util.Arrays.fill(sums, TierLadder.MAX << FRACTION_BITS);
        }
        int[] contribution = new int[TIERS];
        for (PodVolume v : counted) {
            contributions(v, v.weight() / total, contribution);
            byte[] tiers = v.tiers();
            for (int i = 0; i < n; i++) {
                int o = ordinals[i];
                sums[i] += contribution[o >= 0 ? tiers[o] : candidates.tier(v, i)];
            }
        }
        int[] penalties = {0, degradedPenalty, 0}; // by StorageState ordinal; DOWN nodes are filtered anyway
        byte[] states = candidates.states();
        int half = (1 << (FRACTION_BITS - 1)) + counted.size(); // half up, plus one unit per rounded contribution
        for (int i = 0; i < n; i++) {
            int score = ((sums[i] + half) >> FRACTION_BITS) - penalties[states[i]];
            scores[i] = Math.max(TierLadder.MIN, Math.min(TierLadder.MAX, score));
        }
        return scores;
    }

    /** share x score per tier ordinal, in fixed point, into {@code out}. */
    private void contributions(PodVolume v, double share, int[] out) {
        for (ProximityTier t : ProximityTier.values()) {
            out[t.ordinal()] = (int) Math.round(share * volumeScore(v.policy(), t) * (1 << FRACTION_BITS));
        }
    }
}
