package dev.locus.http;

import dev.locus.cluster.ClusterState;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * The request path's one wait for the cluster state: until a condition holds, checked now and
 * again after each snapshot the state publishes, for at most a given time. Used before the
 * first sync ({@link FirstSync}) and for a claim the snapshot has not seen bound yet
 * ({@link UnseenBindings}).
 *
 * <p>Design: one future per publication, replaced and completed by the state's listener; a
 * waiter takes the current future <em>before</em> it checks, so a publication between its check
 * and its wait still wakes it. A state that never publishes (manifests) never wakes a waiter:
 * it waits out its time, which is why callers only wait where a newer snapshot can come.
 * Blocks: placement threads only, never the event loop.
 */
final class SnapshotWait {

    private final AtomicReference<CompletableFuture<Void>> next = new AtomicReference<>(new CompletableFuture<>());

    SnapshotWait(ClusterState cluster) {
        cluster.addListener(change -> next.getAndSet(new CompletableFuture<>()).complete(null));
    }

    /**
     * True as soon as {@code holds} is true, false if it is still false after {@code waitNanos}
     * (0 or less: checked once) or when the thread is interrupted (its request's deadline came).
     */
    boolean until(BooleanSupplier holds, long waitNanos) {
        long due = System.nanoTime() + waitNanos;
        while (true) {
            CompletableFuture<Void> published = next.get();
            if (holds.getAsBoolean()) {
                return true;
            }
            long left = due - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            try {
                published.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return holds.getAsBoolean();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return holds.getAsBoolean();
            }
        }
    }
}
