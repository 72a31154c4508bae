package dev.locus.monitor;

import dev.locus.cluster.ObjectKey;
import dev.locus.config.MonitorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How many evictions may happen now: at most {@code maxEvictionsPerMinute} in any rolling
 * minute cluster-wide and {@code maxEvictionsPerNodePerMinute} from one node, and a pod whose
 * eviction was refused (429: a PodDisruptionBudget would be broken) waits
 * {@code refusalBackoff}, doubling on each refusal up to {@code maxRefusalBackoff}.
 *
 * <p>Time comes from the caller ({@code now}), so tests drive it without sleeping. Not
 * thread-safe: the monitor's single pass thread owns it.
 */
final class EvictionBudget {

    /** Why an eviction may not happen now. */
    enum Verdict { ALLOWED, CLUSTER_BUDGET, NODE_BUDGET, BACKING_OFF }

    static final Duration WINDOW = Duration.ofMinutes(1);

    private record Backoff(Instant until, Duration next) {
    }

    private final MonitorSettings settings;
    private final Deque<Instant> cluster = new ArrayDeque<>();
    private final Map<String, Deque<Instant>> perNode = new HashMap<>();
    private final Map<ObjectKey, Backoff> backoffs = new HashMap<>();

    EvictionBudget(MonitorSettings settings) {
        this.settings = settings;
    }

    /** Whether {@code pod} on {@code node} may be evicted at {@code now}; takes nothing. */
    Verdict check(ObjectKey pod, String node, Instant now) {
        Backoff backoff = backoffs.get(pod);
        if (backoff != null && now.isBefore(backoff.until())) {
            return Verdict.BACKING_OFF;
        }
        if (count(cluster, now) >= settings.maxEvictionsPerMinute()) {
            return Verdict.CLUSTER_BUDGET;
        }
        Deque<Instant> onNode = perNode.get(node);
        if (onNode != null && count(onNode, now) >= settings.maxEvictionsPerNodePerMinute()) {
            return Verdict.NODE_BUDGET;
        }
        return Verdict.ALLOWED;
    }

    /** An eviction from {@code node} happened at {@code now}: it counts against both budgets. */
    void spent(ObjectKey pod, String node, Instant now) {
        cluster.addLast(now);
        perNode.computeIfAbsent(node, n -> new ArrayDeque<>()).addLast(now);
        backoffs.remove(pod);
    }

    /** The eviction of {@code pod} was refused at {@code now}: it waits, longer each time. */
    void refused(ObjectKey pod, Instant now) {
        Backoff previous = backoffs.get(pod);
        Duration wait = previous == null ? settings.refusalBackoff() : previous.next();
        Duration next = wait.multipliedBy(2);
        if (next.compareTo(settings.maxRefusalBackoff()) > 0) {
            next = settings.maxRefusalBackoff();
        }
        backoffs.put(pod, new Backoff(now.plus(wait), next));
    }

    /** When {@code pod} may be tried again, or null when it is not backing off. */
    Instant backingOffUntil(ObjectKey pod) {
        Backoff backoff = backoffs.get(pod);
        return backoff == null ? null : backoff.until();
    }

    /** Forgets the back-off of pods that are gone; keeps memory bounded by the pods that exist. */
    void retain(Set<ObjectKey> pods) {
        backoffs.keySet().retainAll(pods);
    }

    /** Evictions in the rolling minute before {@code now}, dropping older ones. */
    private static int count(Deque<Instant> times, Instant now) {
        Instant start = now.minus(WINDOW);
        while (!times.isEmpty() && !times.peekFirst().isAfter(start)) {
            times.removeFirst();
        }
        return times.size();
    }
}
