package dev.locus.placement;

import dev.locus.api.ExtenderArgs;
import dev.locus.api.FilterResult;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;

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
     * The rejected candidates in the order {@link FilterResult#inNameOrder} states. Snapshot
     * ordinals follow node names, so when the snapshot has every rejected node they are sorted
     * by marking their ordinals (the last index of an ordinal wins, as there); only a rejected
     * node the snapshot lacks makes it compare names.
     */
    private static int[] byName(CycleState state, Candidates candidates, Status[] verdicts) {
        int[] ordinals = candidates.ordinals();
        int[] atOrdinal = null;
        BitSet known = new BitSet();
        for (int i = 0; i < verdicts.length; i++) {
            if (verdicts[i] == null) {
                continue;
            }
            int o = ordinals[i];
            if (o < 0) {
                return FilterResult.inNameOrder(IntStream.range(0, verdicts.length).filter(k -> verdicts[k] != null),
                        candidates::name);
            }
            if (atOrdinal == null) {
                atOrdinal = new int[state.index().topology().nodeCount()];
            }
            known.set(o);
            atOrdinal[o] = i;
        }
        int[] sorted = new int[known.cardinality()];
        int k = 0;
        for (int o = known.nextSetBit(0); o >= 0; o = known.nextSetBit(o + 1)) {
            sorted[k++] = atOrdinal[o];
        }
        return sorted;
    }
}
