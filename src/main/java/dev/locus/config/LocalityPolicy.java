package dev.locus.config;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How strongly a volume pulls its pod towards its data; the value of the
 * {@code locus.dev/locality} annotation and of {@code placement.defaultPolicy}.
 */
public enum LocalityPolicy {
    /** Only nodes holding a replica may run the pod. */
    STRICT,
    /** Nodes closer to the data score higher; none is ruled out. */
    PREFERRED,
    /** The volume does not influence placement. */
    NONE,
    /** Nodes WITHOUT a replica score higher (anti-affinity to the data). */
    SPREAD;

    /** The policy named {@code text} (case-insensitive), or empty when it names none. */
    public static Optional<LocalityPolicy> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(p -> p.name().equals(wanted)).findFirst();
    }

    /** The accepted spellings, for error messages. */
    public static List<String> names() {
        return Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).toList();
    }
}
