package dev.locus.placement;

import dev.locus.api.CandidateNode;
import dev.locus.api.ExtenderArgs;
import dev.locus.api.NodeMode;
import dev.locus.api.OfferedNames;
import dev.locus.cluster.NodeInfo;
import dev.locus.topology.ProximityTier;
import dev.locus.topology.TopologyIndex;
import java.util.BitSet;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The request's candidate nodes resolved once: each one's snapshot ordinal (one hash lookup
 * per name, the only per-node hashing the score path does; for decoded NodeNames straight
 * from the request's bytes) and storage state.
 *
 * <p>Where facts come from, one source per node for filters and scores alike: a node the
 * snapshot knows is judged entirely by the snapshot (labels, storage state, topology, replica
 * health, capacity segments), in both request modes, so a filter verdict and a score never
 * read two versions of one node. Only a node the snapshot does not have (newer than it) is
 * read from the request's Node object in Nodes mode; in NodeNames mode nothing is known of it.
 * The request's copy is not fresher in any way that matters: the scheduler and Locus watch
 * the same Node objects, Locus at most a snapshot interval (100 ms) behind.
 *
 * <p>Obtained from {@link PlacementEngine#candidates}; valid for the cycle state it was made for.
 */
public final class Candidates {

    private final ExtenderArgs args;
    private final CycleState state;
    private final int[] ordinals;
    private final byte[] states;
    private final boolean anyUnknown;

    private Candidates(ExtenderArgs args, CycleState state) {
        this.args = args;
        this.state = state;
        this.ordinals = new int[args.size()];
        this.states = new byte[args.size()];
        ClusterIndex index = state.index();
        if (args.offeredNames() != null) {
            resolve(args.offeredNames(), index.topology());
        } else {
            for (int i = 0; i < ordinals.length; i++) {
                ordinals[i] = index.topology().ordinal(args.name(i));
            }
        }
        boolean unknown = false;
        for (int i = 0; i < ordinals.length; i++) {
            int o = ordinals[i];
            unknown |= o < 0;
            StorageState s = o >= 0 ? index.state(o)
                    : args.mode() == NodeMode.NODES ? StorageState.of(args.nodes().get(i).annotations())
                    : StorageState.HEALTHY;
            states[i] = (byte) s.ordinal();
        }
        this.anyUnknown = unknown;
    }

    /** Ordinals straight from the request's bytes: no String per name unless it is not plain ASCII. */
    private void resolve(OfferedNames names, TopologyIndex topology) {
        byte[] body = names.body();
        for (int i = 0; i < ordinals.length; i++) {
            ordinals[i] = names.plain(i) ? topology.ordinal(body, names.start(i), names.length(i), names.hash(i))
                    : topology.ordinal(names.name(i));
        }
    }

    static Candidates of(CycleState state, ExtenderArgs args) {
        return new Candidates(args, state);
    }

    /** Number of candidates. */
    public int size() {
        return ordinals.length;
    }

    String name(int i) {
        return args.name(i);
    }

    int[] ordinals() {
        return ordinals;
    }

    /** Candidate {@code i}'s snapshot ordinal, or -1 when the snapshot does not have the node. */
    int ordinal(int i) {
        return ordinals[i];
    }

    /**
     * For a filter judging by snapshot ordinal: rejects with {@code rejection} every candidate
     * not yet rejected whose ordinal {@code allowed} lacks; a node the snapshot does not have
     * is judged by {@code allowsUnknown} on its {@link #view}.
     */
    void rejectOutside(BitSet allowed, Predicate<NodeView> allowsUnknown, Supplier<Status> rejection,
                       Status[] verdicts) {
        Status rejected = null; // the same Status for every node, made once
        for (int i = 0; i < verdicts.length; i++) {
            if (verdicts[i] == null && !(ordinals[i] >= 0 ? allowed.get(ordinals[i]) : allowsUnknown.test(view(i)))) {
                rejected = rejected == null ? rejection.get() : rejected;
                verdicts[i] = rejected;
            }
        }
    }

    /**
     * Rejects with {@code rejection} the candidate that is the node named {@code name}, if it
     * is one and not yet rejected: by ordinal when the snapshot has the node, else by name.
     */
    void rejectNamed(String name, Supplier<Status> rejection, Status[] verdicts) {
        int ordinal = state.index().topology().ordinal(name);
        for (int i = 0; i < verdicts.length; i++) {
            if (verdicts[i] == null && (ordinal >= 0 ? ordinals[i] == ordinal : ordinals[i] < 0 && name.equals(name(i)))) {
                verdicts[i] = rejection.get();
            }
        }
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

    /** Node facts from the snapshot or, for a node it does not have, the request (Nodes mode). */
    NodeView view(int i) {
        int o = ordinals[i];
        NodeInfo info = o >= 0 ? state.index().node(o) : null; // by ordinal: no String made, no hashing
        if (info != null) {
            return new NodeView(info.name(), info.labels(), info.annotations(), true, o);
        }
        if (args.mode() == NodeMode.NODES) {
            CandidateNode candidate = args.nodes().get(i);
            return new NodeView(candidate.name(), candidate.labels(), candidate.annotations(), true, -1);
        }
        return new NodeView(args.name(i), Map.of(), Map.of(), false, -1);
    }
}
