package dev.locus.placement;

import dev.locus.api.CandidateNode;
import dev.locus.api.ExtenderArgs;
import dev.locus.api.NodeMode;
import dev.locus.cluster.NodeInfo;
import dev.locus.topology.ProximityTier;
import java.util.List;
import java.util.Map;

/**
 * The request's candidate nodes resolved once: each one's snapshot ordinal (one hash lookup
 * per name, the only per-node hashing the score path does) and storage state.
 *
 * <p>Where facts come from: topology (tiers, capacity segments) from the snapshot for every
 * node it knows; labels for nodes it does not know, and annotations (storage state) always,
 * from the request in Nodes mode, since those are the freshest the scheduler has.
 *
 * <p>Obtained from {@link PlacementEngine#candidates}; valid for the cycle state it was made for.
 */
public final class Candidates {

    private final List<CandidateNode> nodes;
    private final NodeMode mode;
    private final CycleState state;
    private final int[] ordinals;
    private final byte[] states;
    private final boolean anyUnknown;

    private Candidates(List<CandidateNode> nodes, NodeMode mode, CycleState state) {
        this.nodes = nodes;
        this.mode = mode;
        this.state = state;
        this.ordinals = new int[nodes.size()];
        this.states = new byte[nodes.size()];
        ClusterIndex index = state.index();
        boolean unknown = false;
        for (int i = 0; i < ordinals.length; i++) {
            CandidateNode node = nodes.get(i);
            int o = index.topology().ordinal(node.name());
            ordinals[i] = o;
            unknown |= o < 0;
            StorageState s = mode == NodeMode.NODES ? StorageState.of(node.annotations())
                    : o >= 0 ? index.state(o) : StorageState.HEALTHY;
            states[i] = (byte) s.ordinal();
        }
        this.anyUnknown = unknown;
    }

    static Candidates of(CycleState state, ExtenderArgs args) {
        return new Candidates(args.nodes(), args.mode(), state);
    }

    /** Number of candidates. */
    public int size() {
        return ordinals.length;
    }

    String name(int i) {
        return nodes.get(i).name();
    }

    int[] ordinals() {
        return ordinals;
    }

    /** True when some candidate is not in the snapshot (ordinal -1). */
    boolean anyUnknown() {
        return anyUnknown;
    }

    /** Storage state ordinals by candidate; read only. */
    byte[] states() {
        return states;
    }

    StorageState state(int i) {
        return StorageState.of(states[i]);
    }

    /** The tier ordinal of candidate {@code i} for volume {@code v} (which must have tiers). */
    int tier(PodVolume v, int i) {
        int o = ordinals[i];
        if (o >= 0) {
            return v.tiers()[o];
        }
        NodeView view = view(i);
        return state.index().topology().tier(v.healthy(), view.name(), view.labels()).ordinal();
    }

    /** The tier of candidate {@code i} for {@code v}, or null when v's locality is unknown. */
    ProximityTier tierOrNull(PodVolume v, int i) {
        return v.tiers() == null ? null : ProximityTier.of(tier(v, i));
    }

    /** Node facts from the request (Nodes mode) or, failing that, from the snapshot. */
    NodeView view(int i) {
        CandidateNode candidate = nodes.get(i);
        if (mode == NodeMode.NODES) {
            return new NodeView(candidate.name(), candidate.labels(), candidate.annotations(), true, ordinals[i]);
        }
        NodeInfo info = state.cluster().node(candidate.name());
        return info == null ? new NodeView(candidate.name(), Map.of(), Map.of(), false, -1)
                : new NodeView(info.name(), info.labels(), info.annotations(), true, ordinals[i]);
    }
}
