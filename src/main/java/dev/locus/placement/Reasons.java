package dev.locus.placement;

/** Reason texts of filter verdicts; tests reuse them. */
public final class Reasons {

    /** {@code %s} = the volume, e.g. "volume pv-1 (claim default/data)". */
    public static final String NODE_AFFINITY_CONFLICT = "%s: node affinity conflict, the volume cannot be used on this node";

    /** {@code %s} = the volume. */
    public static final String NO_REPLICA_STRICT = "%s: locality policy strict and the node holds no replica";

    private Reasons() {
    }
}
