package dev.locus.http;

import dev.locus.api.ExtenderArgs;
import dev.locus.api.FilterResult;
import dev.locus.api.HostPriority;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.placement.PlacementEngine;
import java.util.Arrays;

/**
 * What Locus answers when its time budget is spent before placement finished.
 *
 * <p>Filter: the safety filters still run, on a cycle state without locality
 * ({@link PlacementEngine#prepareWithoutLocality}): PV node affinity and pinned data, the
 * volume's CSI driver on the node, storage {@code down} (and, for a pod with a Longhorn volume,
 * a node Longhorn reports not Ready), and WaitForFirstConsumer capacity.
 * They cost hash lookups per claim and per node, like the normal chain, so they fit in the
 * time left before kube-scheduler's {@code httpTimeout}. What is skipped is the rule that
 * needs the volume's replica nodes: the {@code strict} policy (a node without a replica
 * passes). Letting a down node or one that cannot mount the volume pass would make the pod
 * fail at attach or provisioning, which is worse than losing locality for one cycle.
 *
 * <p>Prioritize: every offered node scores {@link HostPriority#MIN_SCORE}. Scores only rank
 * nodes that passed; equal scores leave the choice to the built-in plugins, as when Locus
 * knows nothing about a pod's volumes.
 */
final class DegradedAnswer {

    private DegradedAnswer() {
    }

    /** The filter chain without locality (so without {@code strict}). */
    static FilterResult filter(PlacementEngine engine, ClusterSnapshot cluster, ExtenderArgs args) {
        return engine.filter(engine.prepareWithoutLocality(args.pod(), cluster), args);
    }

    /** The same score for every offered node, in request order. */
    static int[] prioritize(ExtenderArgs args) {
        int[] scores = new int[args.size()];
        Arrays.fill(scores, HostPriority.MIN_SCORE);
        return scores;
    }
}
