package dev.locus.placement;

import dev.locus.cluster.NodeInfo;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.TreeSet;

/**
 * Data the scheduler did not offer: a volume whose replica nodes are known, Ready and not
 * {@code down}, none of which is among the request's candidates. Locus cannot prefer a node it
 * is not asked about, so the pod lands away from its data. The usual cause is the scheduler's
 * adaptive {@code percentageOfNodesToScore} (it stops looking once it has found enough
 * feasible nodes); a replica node that failed a built-in filter (CPU, taints) looks the same.
 */
final class NotOffered {

    /** The warning text: {@code %s} volume, {@code %s} its Ready replica nodes, {@code %d} nodes offered. */
    static final String WARNING = "no replica node of %s was offered: %s Ready, %d other nodes offered; if the "
            + "scheduler's percentageOfNodesToScore is not 100 it may have sampled them out (scheduler-config/README.md)";

    private NotOffered() {
    }

    /** One warning per counted volume none of whose Ready replica nodes is a candidate. */
    static List<String> warnings(CycleState state, Candidates candidates) {
        List<String> warnings = new ArrayList<>();
        BitSet offered = null;
        for (PodVolume v : state.volumes()) {
            if (!v.scored() || v.healthy().replicaNodes().isEmpty()) {
                continue;
            }
            if (offered == null) {
                offered = offered(candidates);
            }
            if (notOffered(state, v, offered)) {
                TreeSet<String> ready = ready(state, v);
                if (!ready.isEmpty()) {
                    warnings.add(String.format(WARNING, v.describe(), ready, candidates.size()));
                }
            }
        }
        return warnings;
    }

    /** True when none of {@code v}'s healthy replica nodes is among the offered ordinals. */
    private static boolean notOffered(CycleState state, PodVolume v, BitSet offered) {
        for (String node : v.healthy().replicaNodes()) {
            int o = state.index().topology().ordinal(node);
            if (o >= 0 && offered.get(o)) {
                return false;
            }
        }
        return true;
    }

    /** {@code v}'s healthy replica nodes that are Ready, sorted (for the warning). */
    private static TreeSet<String> ready(CycleState state, PodVolume v) {
        TreeSet<String> ready = new TreeSet<>();
        for (String node : v.healthy().replicaNodes()) {
            NodeInfo info = state.cluster().node(node);
            if (info != null && info.ready()) {
                ready.add(node);
            }
        }
        return ready;
    }

    private static BitSet offered(Candidates candidates) {
        BitSet offered = new BitSet();
        for (int o : candidates.ordinals()) {
            if (o >= 0) {
                offered.set(o);
            }
        }
        return offered;
    }
}
