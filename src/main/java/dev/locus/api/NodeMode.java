package dev.locus.api;

/** How kube-scheduler sent the candidate nodes: its extender setting {@code nodeCacheCapable}. */
public enum NodeMode {
    /** {@code nodeCacheCapable: false}: full Node objects in {@code Nodes.items}. */
    NODES,
    /** {@code nodeCacheCapable: true}: names only, in {@code NodeNames}. */
    NODE_NAMES
}
