package dev.locus.api;

import java.util.ArrayList;
import java.util.List;

/**
 * A decoded filter or prioritize request ({@code ExtenderArgs} on the wire).
 *
 * <p>A NodeNames request decoded from bytes keeps its names as byte ranges of the body
 * ({@link #offeredNames()}): /prioritize resolves and replies from those bytes, and the
 * {@link CandidateNode} list is only built when something asks for {@link #nodes()}.
 */
public final class ExtenderArgs {

    private final PodInfo pod;
    private final NodeMode mode;
    private final byte[] body;
    private final OfferedNames names;
    private List<CandidateNode> nodes; // built on first use when decoded from names (a benign race)

    /**
     * @param body the raw request bytes, kept so Nodes-mode replies can echo node objects
     */
    public ExtenderArgs(PodInfo pod, NodeMode mode, List<CandidateNode> nodes, byte[] body) {
        this.pod = pod;
        this.mode = mode;
        this.nodes = List.copyOf(nodes);
        this.body = body;
        this.names = null;
    }

    /** A NodeNames request whose names stay in {@code names.body()}. */
    ExtenderArgs(PodInfo pod, OfferedNames names) {
        this.pod = pod;
        this.mode = NodeMode.NODE_NAMES;
        this.body = names.body();
        this.names = names;
    }

    public PodInfo pod() {
        return pod;
    }

    public NodeMode mode() {
        return mode;
    }

    /** The raw request bytes. */
    public byte[] body() {
        return body;
    }

    /** Number of offered nodes. */
    public int size() {
        return names != null ? names.size() : nodes.size();
    }

    /** The name of offered node {@code i}. */
    public String name(int i) {
        return names != null ? names.name(i) : nodes.get(i).name();
    }

    /** The offered nodes in request order; for decoded NodeNames, made on first call. */
    public List<CandidateNode> nodes() {
        List<CandidateNode> list = nodes;
        if (list == null) {
            List<CandidateNode> named = new ArrayList<>(names.size());
            for (int i = 0; i < names.size(); i++) {
                named.add(CandidateNode.named(names.name(i)));
            }
            list = List.copyOf(named);
            nodes = list;
        }
        return list;
    }

    /** The names as byte ranges of the body, or null when the nodes were not decoded that way. */
    public OfferedNames offeredNames() {
        return names;
    }

    @Override
    public String toString() {
        return "ExtenderArgs[pod=" + pod + ", mode=" + mode + ", nodes=" + size() + "]";
    }
}
