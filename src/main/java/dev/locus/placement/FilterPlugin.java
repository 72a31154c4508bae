package dev.locus.placement;

/** One filter rule: may this node run the pod? Never throws for an expected rejection. */
public interface FilterPlugin {

    /** A short stable name, shown by explain. */
    String name();

    Status filter(CycleState state, NodeView node);
}
