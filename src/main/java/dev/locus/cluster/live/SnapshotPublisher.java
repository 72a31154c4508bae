package dev.locus.cluster.live;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.SnapshotChange;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a new snapshot after changes, coalesced.
 *
 * <p>Design: every change only marks the mirror dirty and makes sure one rebuild is
 * scheduled; the rebuild runs on the single state thread and reads the record stores as they
 * are then. A relist of 100,000 objects is therefore a handful of rebuilds, not 100,000.
 * Two rebuilds start at least {@link #MIN_INTERVAL_MS} apart, and at least twice the last
 * rebuild's duration apart, so under continuous churn rebuilding takes at most a third of
 * one core while a snapshot is never more than an interval plus a rebuild behind its stores.
 * Nothing is published before {@code mayPublish} holds (every informer synced): the first
 * snapshot is complete, never a partial list. A request with nothing changed publishes nothing,
 * so the generation counts real changes.
 */
final class SnapshotPublisher {

    /** Shortest time between two rebuilds, ms: bounds the lag coalescing adds (100 ms ≪ a scheduling cycle's retry). */
    static final long MIN_INTERVAL_MS = 100;

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotPublisher.class);

    private final ClusterMirror mirror;
    private final ScheduledExecutorService executor;
    private final BooleanSupplier mayPublish;
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final List<Consumer<SnapshotChange>> listeners = new CopyOnWriteArrayList<>();
    private volatile ClusterSnapshot current = ClusterSnapshot.empty();
    private volatile long lastRebuildNanos;
    private long nextAllowedNanos = System.nanoTime();

    /**
     * @param mirror      the stores to rebuild from
     * @param executor    the single state thread rebuilds run on
     * @param mayPublish  false until a snapshot would be complete
     */
    SnapshotPublisher(ClusterMirror mirror, ScheduledExecutorService executor, BooleanSupplier mayPublish) {
        this.mirror = mirror;
        this.executor = executor;
        this.mayPublish = mayPublish;
    }

    ClusterSnapshot current() {
        return current;
    }

    /** Duration of the last rebuild, nanoseconds; 0 before the first. */
    long lastRebuildNanos() {
        return lastRebuildNanos;
    }

    void addListener(Consumer<SnapshotChange> listener) {
        listeners.add(listener);
    }

    /** Makes sure a rebuild is scheduled; cheap, callable from any thread. */
    void requestRebuild() {
        if (!scheduled.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(this::schedule);
        } catch (RejectedExecutionException e) {
            scheduled.set(false);
        }
    }

    private void schedule() {
        long delay = Math.max(0, nextAllowedNanos - System.nanoTime());
        executor.schedule(this::rebuild, delay, TimeUnit.NANOSECONDS);
    }

    private void rebuild() {
        scheduled.set(false);
        long start = System.nanoTime();
        if (!mayPublish.getAsBoolean() || !mirror.dirty()) {
            nextAllowedNanos = start + TimeUnit.MILLISECONDS.toNanos(MIN_INTERVAL_MS);
            return;
        }
        try {
            SnapshotChange change = mirror.rebuild(current.generation() + 1);
            current = change.snapshot();
            notifyListeners(change);
            if (change.snapshot().generation() == 1) {
                LOG.info("first cluster snapshot published: {}", change.snapshot());
            }
        } catch (RuntimeException e) {
            LOG.error("cannot rebuild the cluster snapshot; serving generation {} until the next change",
                    current.generation(), e);
        }
        long end = System.nanoTime();
        lastRebuildNanos = end - start;
        nextAllowedNanos = end + Math.max(TimeUnit.MILLISECONDS.toNanos(MIN_INTERVAL_MS), 2 * lastRebuildNanos);
    }

    private void notifyListeners(SnapshotChange change) {
        for (Consumer<SnapshotChange> listener : listeners) {
            try {
                listener.accept(change);
            } catch (RuntimeException e) {
                LOG.error("snapshot listener {} failed", listener, e);
            }
        }
    }
}
