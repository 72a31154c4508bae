package dev.locus.placement;

/**
 * How close a node is to a volume's nearest replica, and what that is worth (0..10).
 *
 * <p>The ladder is steep at the top because reads from a local replica skip the network
 * entirely, while the difference between "same region" and "elsewhere" is only latency.
 */
public enum ProximityTier {
    /** The node holds a replica. */
    NODE(10),
    /** The node shares a rack (within the same zone) with a replica: one top-of-rack hop. */
    RACK(7),
    /** The node shares a zone with a replica, or the data is confined to the node's zone. */
    ZONE(4),
    /** The node shares a region with a replica, or the data is confined to the node's region. */
    REGION(2),
    /** Nothing in common. */
    ELSEWHERE(0);

    private final int score;

    ProximityTier(int score) {
        this.score = score;
    }

    /** The tier's score, 0..10. */
    public int score() {
        return score;
    }
}
