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
 * ({@link UnseenBindings}), both blocking ({@link #until}), and by the admission webhook for a
 * claim its snapshot does not hold yet ({@link WebhookServer}), without blocking ({@link #publication}, {@link #within}).
 *
 * <p>Design: one future per publication, replaced and completed by the state's listener; a
 * waiter takes the current future <em>before</em> it checks, so a publication between its check
 * and its wait still wakes it. A state that never publishes (manifests) never wakes a waiter:
 * it waits out its time, which is why callers only wait where a newer snapshot can come.
 * {@link #until} blocks: placement threads only, never the event loop; {@link #within} never blocks.
 */
final class SnapshotWait {

    private final AtomicReference<CompletableFuture<Void>> next = new AtomicReference<>(new CompletableFuture<>());

    SnapshotWait(ClusterState cluster) {
        cluster.addListener(change -> next.getAndSet(new CompletableFuture<>()).complete(null));
    }

    /**
     * The future the next publication completes. Take it <em>before</em> reading the state, as
     * {@link #until} does, so a publication between the read and the wait still completes it.
     * Nothing is attached to it, so a caller that does not wait just drops it; one that waits
     * attaches {@link #within}. It completes on the publishing thread.
     */
    CompletableFuture<Void> publication() {
        return next.get();
    }

    /**
     * The non-blocking wait for {@code publication}: completes true when it does, or false once
     * {@code waitNanos} have passed (at once when 0 or less). The step stays attached to the
     * shared future until the next publication, so attach it only for a wait that is needed.
     * It completes on the publishing thread or the JDK's delay thread: hand anything heavier
     * than a submit on.
     */
    static CompletableFuture<Boolean> within(CompletableFuture<Void> publication, long waitNanos) {
        if (waitNanos <= 0) {
            return CompletableFuture.completedFuture(false);
        }
        return publication.thenApply(published -> true).completeOnTimeout(false, waitNanos, TimeUnit.NANOSECONDS);
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
