package dev.locus.monitor;

import dev.locus.config.MonitorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Remembers since when each failure has been observed without a break. A failure that is not
 * observed once is forgotten: when it comes back, its grace period starts again, so a signal
 * that flaps faster than its grace never triggers an eviction.
 *
 * <p>Not thread-safe: the monitor's single pass thread owns it. A new leader starts with an
 * empty tracker, so it waits out a full grace period before acting (the safe direction).
 */
final class GraceTracker {

    /** A failure and how long it has lasted. */
    record Tracked(NodeFailure failure, Instant since, Duration grace, boolean confirmed) {
        /** Time left before the failure is acted on; zero once confirmed. */
        Duration remaining(Instant now) {
            Duration left = grace.minus(Duration.between(since, now));
            return left.isNegative() ? Duration.ZERO : left;
        }
    }

    private final MonitorSettings settings;
    private final Map<NodeFailure, Instant> since = new HashMap<>();

    GraceTracker(MonitorSettings settings) {
        this.settings = settings;
    }

    /** Records what is observed at {@code now}; returns every current failure with its state. */
    List<Tracked> update(Set<NodeFailure> observed, Instant now) {
        since.keySet().retainAll(observed);
        List<Tracked> tracked = new ArrayList<>(observed.size());
        for (NodeFailure failure : observed) {
            Instant first = since.computeIfAbsent(failure, f -> now);
            Duration grace = failure.kind().grace(settings);
            tracked.add(new Tracked(failure, first, grace, !Duration.between(first, now).minus(grace).isNegative()));
        }
        return tracked;
    }
}
