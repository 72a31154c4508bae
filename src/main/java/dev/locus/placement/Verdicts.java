package dev.locus.placement;

import dev.locus.api.ExtenderArgs;
import dev.locus.api.FilterResult;
import java.util.BitSet;
import java.util.List;
import java.util.TreeMap;

/** The filter chain's per-candidate verdicts turned into the reply's {@link FilterResult}. */
final class Verdicts {

    private Verdicts() {
    }

    /** {@code verdicts[i]} is candidate i's first rejection, or null when it passed every filter. */
    static FilterResult result(ExtenderArgs args, CycleState state, Candidates candidates, Status[] verdicts,
                               List<String> warnings) {
        int n = verdicts.length;
        BitSet passing = new BitSet(n);
        BitSet unresolvable = new BitSet();
        String[] reasons = new String[n];
        for (int i = 0; i < n; i++) {
            Status status = verdicts[i];
            if (status == null) {
                passing.set(i);
            } else {
                reasons[i] = status.reason();
                unresolvable.set(i, status.code() == Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE);
            }
        }
        return new FilterResult(args, passing, reasons, unresolvable, byName(state, candidates, verdicts), warnings);
    }

    /**
     * The rejected candidates, one per node name (a name offered twice keeps its last index,
     * as a map would), in name order. Snapshot ordinals follow node names, so known nodes are
     * sorted by marking their ordinals; only nodes the snapshot lacks need comparing names.
     */
    private static int[] byName(CycleState state, Candidates candidates, Status[] verdicts) {
        int[] ordinals = candidates.ordinals();
        int[] atOrdinal = null;
        BitSet known = new BitSet();
        TreeMap<String, Integer> unknown = null;
        for (int i = 0; i < verdicts.length; i++) {
            if (verdicts[i] == null) {
                continue;
            }
            int o = ordinals[i];
            if (o >= 0) {
                if (atOrdinal == null) {
                    atOrdinal = new int[state.index().topology().nodeCount()];
                }
                known.set(o);
                atOrdinal[o] = i;
            } else {
                unknown = unknown == null ? new TreeMap<>() : unknown;
                unknown.put(candidates.name(i), i);
            }
        }
        if (unknown == null) {
            int[] sorted = new int[known.cardinality()];
            int k = 0;
            for (int o = known.nextSetBit(0); o >= 0; o = known.nextSetBit(o + 1)) {
                sorted[k++] = atOrdinal[o];
            }
            return sorted;
        }
        for (int o = known.nextSetBit(0); o >= 0; o = known.nextSetBit(o + 1)) {
            unknown.put(candidates.name(atOrdinal[o]), atOrdinal[o]);
        }
        return unknown.values().stream().mapToInt(Integer::intValue).toArray();
    }
}
