package dev.locus.placement;

import java.util.Map;

/**
 * The health of a node's storage, from the node annotation {@code locus.dev/storage-state}
 * that an operator or a storage driver's node agent writes: {@code down} rules the node out
 * (FailedNodes: it may recover), {@code degraded} costs it {@code placement.degradedPenalty}
 * points. Absent or any other value is healthy: an unknown word must not take nodes away.
 */
public enum StorageState {
    HEALTHY,
    DEGRADED,
    DOWN;

    /** The annotation key. */
    public static final String ANNOTATION = "locus.dev/storage-state";

    private static final StorageState[] VALUES = values();

    /** The state a node's annotations declare. */
    public static StorageState of(Map<String, String> annotations) {
        String value = annotations.get(ANNOTATION);
        if (value == null) {
            return HEALTHY;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "down" -> DOWN;
            case "degraded" -> DEGRADED;
            default -> HEALTHY;
        };
    }

    static StorageState of(int ordinal) {
        return VALUES[ordinal];
    }
}
