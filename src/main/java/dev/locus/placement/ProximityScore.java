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
 * tier; then candidate-major, one pass per four volumes: per candidate one byte load from
 * each volume's precomputed tier array (indexed by the ordinal resolved once per request),
 * integer adds, and in the last pass the rounding, penalty and clamp, straight into the
 * result. No hashing, no allocation per node; candidates the snapshot does not know take a
 * separate slow path.
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

    /**
     * Volumes summed per candidate in one pass: four tier arrays read together, so the
     * ordinal and the result are loaded and stored once per four volumes (typical pods
     * mount 1-4 claims; more take extra passes through a running sum).
     */
    private static final int GROUP = 4;

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
        int[] penalties = {0, degradedPenalty, 0}; // by StorageState ordinal; DOWN nodes are filtered anyway
        if (counted.isEmpty()) {
            byte[] states = candidates.states();
            for (int i = 0; i < n; i++) {
                scores[i] = clamp(TierLadder.MAX - penalties[states[i]]);
            }
            return scores;
        }
        int[][] tables = new int[counted.size()][];
        for (int k = 0; k < tables.length; k++) {
            tables[k] = contributions(counted.get(k), counted.get(k).weight() / total);
        }
        int half = (1 << (FRACTION_BITS - 1)) + counted.size(); // half up, plus one unit per rounded contribution
        if (counted.size() == 1) { // the common pod: one claim, one array read per candidate
            single(candidates, counted.get(0).tiers(), tables[0], scores, half, penalties);
        } else {
            groups(candidates, counted, tables, scores, half, penalties);
        }
        if (candidates.anyUnknown()) {
            unknownNodes(candidates, counted, tables, scores, half, penalties);
        }
        return scores;
    }

    /** Two or more volumes: one {@link #pass} per four, through running sums when more than four. */
    private static void groups(Candidates candidates, List<PodVolume> counted, int[][] tables, int[] scores,
                               int half, int[] penalties) {
        int[] sums = counted.size() > GROUP ? new int[scores.length] : null;
        int from = 0;
        for (; counted.size() - from > GROUP; from += GROUP) {
            pass(candidates, counted, tables, from, sums, null, half, penalties);
        }
        pass(candidates, counted, tables, from, sums, scores, half, penalties);
    }

    /** {@link #pass} for a pod with one counted volume. */
    private static void single(Candidates candidates, byte[] tiers, int[] table, int[] scores, int half,
                               int[] penalties) {
        int[] ordinals = candidates.ordinals();
        byte[] states = candidates.states();
        for (int i = 0; i < ordinals.length; i++) {
            int o = ordinals[i];
            if (o >= 0) {
                scores[i] = clamp(((table[tiers[o]] + half) >> FRACTION_BITS) - penalties[states[i]]);
            }
        }
    }

    /**
     * One candidate-major pass over volumes {@code from..from+3} of {@code counted}: adds
     * their contributions to {@code sums} (when more volumes follow), or, for the last
     * group, rounds, penalises and clamps into {@code scores}. A group of fewer than four
     * is padded with the first volume's tier array and an all-zero table: the extra loads
     * hit cache lines already read and add nothing, and the loop keeps one shape. Unknown
     * nodes (ordinal -1) are skipped here and scored by {@link #unknownNodes}.
     */
    private static void pass(Candidates candidates, List<PodVolume> counted, int[][] tables, int from, int[] sums,
                             int[] scores, int half, int[] penalties) {
        byte[][] t = new byte[GROUP][];
        int[][] c = new int[GROUP][];
        for (int k = 0; k < GROUP; k++) {
            boolean real = from + k < counted.size();
            t[k] = counted.get(real ? from + k : from).tiers();
            c[k] = real ? tables[from + k] : new int[TIERS];
        }
        byte[] t0 = t[0], t1 = t[1], t2 = t[2], t3 = t[3];
        int[] c0 = c[0], c1 = c[1], c2 = c[2], c3 = c[3];
        int[] ordinals = candidates.ordinals();
        byte[] states = candidates.states();
        for (int i = 0; i < ordinals.length; i++) {
            int o = ordinals[i];
            if (o < 0) {
                continue;
            }
            int sum = c0[t0[o]] + c1[t1[o]] + c2[t2[o]] + c3[t3[o]] + (sums == null ? 0 : sums[i]);
            if (scores == null) {
                sums[i] = sum;
            } else {
                scores[i] = clamp(((sum + half) >> FRACTION_BITS) - penalties[states[i]]);
            }
        }
    }

    /** The slow path for candidates the snapshot does not know: tiers from their labels. */
    private static void unknownNodes(Candidates candidates, List<PodVolume> counted, int[][] tables, int[] scores,
                                     int half, int[] penalties) {
        int[] ordinals = candidates.ordinals();
        byte[] states = candidates.states();
        for (int i = 0; i < ordinals.length; i++) {
            if (ordinals[i] >= 0) {
                continue;
            }
            int sum = 0;
            for (int k = 0; k < tables.length; k++) {
                sum += tables[k][candidates.tier(counted.get(k), i)];
            }
            scores[i] = clamp(((sum + half) >> FRACTION_BITS) - penalties[states[i]]);
        }
    }

    private static int clamp(int score) {
        return Math.max(TierLadder.MIN, Math.min(TierLadder.MAX, score));
    }

    /** share x score per tier ordinal, in fixed point. */
    private int[] contributions(PodVolume v, double share) {
        int[] out = new int[TIERS];
        for (ProximityTier t : ProximityTier.values()) {
            out[t.ordinal()] = (int) Math.round(share * volumeScore(v.policy(), t) * (1 << FRACTION_BITS));
        }
        return out;
    }
}
