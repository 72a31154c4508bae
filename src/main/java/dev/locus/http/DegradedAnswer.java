package dev.locus.http;

import dev.locus.api.ExtenderArgs;
import dev.locus.api.FilterResult;
import dev.locus.api.HostPriority;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Map;

/**
 * What Locus answers when its time budget is spent before placement finished: every
 * offered node passes the filter, and every node scores {@link HostPriority#MIN_SCORE}.
 *
 * <p>Why nothing finer (such as running only the cheap filters): the rules need the
 * per-request cycle state, and computing it is exactly what did not finish, so there is
 * nothing cheaper left to consult. What is lost is bounded: kube-scheduler's own
 * VolumeBinding plugin still enforces every bound PV's nodeAffinity, so the only rule
 * skipped is the {@code strict} replica-locality policy, which is what the scheduler also
 * skips when an {@code ignorable} extender fails. Equal scores leave the choice to the
 * built-in plugins, as when Locus knows nothing about a pod's volumes.
 */
final class DegradedAnswer {

    private DegradedAnswer() {
    }

    /** Every offered node passes. */
    static FilterResult filter(ExtenderArgs args) {
        BitSet all = new BitSet(args.size());
        all.set(0, args.size());
        return new FilterResult(all, Map.of(), Map.of());
    }

    /** The same score for every offered node, in request order. */
    static int[] prioritize(ExtenderArgs args) {
        int[] scores = new int[args.size()];
        Arrays.fill(scores, HostPriority.MIN_SCORE);
        return scores;
    }
}
