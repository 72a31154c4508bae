package dev.locus.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * A value derived from a snapshot (a node index, a topology index), cached for the two
 * newest snapshots asked for.
 *
 * <p>Why two: while a new snapshot is published, requests that began on the previous one are
 * still running, so requests straddle two snapshots for a while. A single slot would rebuild
 * the value back and forth between them (hundreds of milliseconds at 5,000 nodes, each time).
 * An older snapshot never displaces a newer one: a request on a snapshot older than both gets
 * a value built for it and not kept. The cost is that the previous snapshot stays reachable
 * until the next one is published.
 *
 * @param <V> the derived value
 */
public final class SnapshotKeyed<V> {

    private record Entry<V>(ClusterSnapshot snapshot, V value) {
    }

    private volatile Entry<V> newest;
    private volatile Entry<V> previous;

    /** The value for {@code snapshot}, from the cache or built now and kept if among the two newest. */
    public V get(ClusterSnapshot snapshot, BiFunction<ClusterSnapshot, List<V>, V> build) {
        V hit = lookup(snapshot);
        if (hit != null) {
            return hit;
        }
        synchronized (this) {
            hit = lookup(snapshot);
            if (hit != null) {
                return hit;
            }
            V value = build.apply(snapshot, held());
            keep(new Entry<>(snapshot, value));
            return value;
        }
    }

    private V lookup(ClusterSnapshot snapshot) {
        Entry<V> a = newest;
        if (a != null && a.snapshot() == snapshot) {
            return a.value();
        }
        Entry<V> b = previous;
        return b != null && b.snapshot() == snapshot ? b.value() : null;
    }

    /** The values held, newest first: a build may reuse one. */
    private List<V> held() {
        List<V> values = new ArrayList<>(2);
        if (newest != null) {
            values.add(newest.value());
        }
        if (previous != null) {
            values.add(previous.value());
        }
        return values;
    }

    private void keep(Entry<V> entry) {
        long generation = entry.snapshot().generation();
        if (newest == null || generation >= newest.snapshot().generation()) {
            previous = newest;
            newest = entry;
        } else if (previous == null || generation >= previous.snapshot().generation()) {
            previous = entry;
        }
    }
}
