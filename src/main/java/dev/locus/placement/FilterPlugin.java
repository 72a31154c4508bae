package dev.locus.placement;

/** One filter rule: may this node run the pod? Never throws for an expected rejection. */
public interface FilterPlugin {

    /** A short stable name, shown by explain. */
    String name();

    /** The verdict on one node (explain asks for every filter's; the chain only for the first rejection). */
    Status filter(CycleState state, NodeView node);

    /**
     * The chain's way: judges every candidate no earlier filter rejected ({@code verdicts[i]}
     * still null), and records its rejection in {@code verdicts[i]}. Node by node, the result
     * is {@link #filter(CycleState, NodeView)}'s; a filter overrides this when it can judge
     * many nodes at once more cheaply (by snapshot ordinal, with per-volume facts looked up
     * once).
     */
    default void filter(CycleState state, Candidates candidates, Status[] verdicts) {
        for (int i = 0; i < verdicts.length; i++) {
            if (verdicts[i] == null) {
                Status status = filter(state, candidates.view(i));
                if (!status.isSuccess()) {
                    verdicts[i] = status;
                }
            }
        }
    }
}
