package dev.locus.topology;

import java.util.Locale;

/**
 * How close a node is to a volume's nearest healthy replica, closest first. What a tier is
 * worth is configuration ({@code config.TierLadder}), not part of the tier.
 */
public enum ProximityTier {
    /** The node holds a replica. */
    NODE,
    /** The node shares a rack (within the same zone) with a replica: one top-of-rack hop. */
    RACK,
    /** The node shares a zone with a replica, or the data is confined to the node's zone. */
    ZONE,
    /** The node shares a region with a replica, or the data is confined to the node's region. */
    REGION,
    /** Nothing in common. */
    ELSEWHERE;

    private static final ProximityTier[] VALUES = values();

    /** The tier with this ordinal (tier arrays store ordinals as bytes). */
    public static ProximityTier of(int ordinal) {
        return VALUES[ordinal];
    }

    /** The closer of two tiers. */
    public static ProximityTier closer(ProximityTier a, ProximityTier b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }

    /** Lower-case name, as explain and the docs spell it. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
