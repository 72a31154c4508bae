package dev.locus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.testing.MutableClusterState;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The non-blocking form of the one snapshot wait, {@link SnapshotWait#publication} and {@link SnapshotWait#within}. */
class SnapshotWaitTest {

    private final MutableClusterState cluster = new MutableClusterState(ClusterSnapshot.builder().build());
    private final SnapshotWait wait = new SnapshotWait(cluster);

    @Test
    void aPublicationAfterTheFutureWasTakenCompletesItTrue() {
        CompletableFuture<Boolean> next = SnapshotWait.within(wait.publication(), TimeUnit.MINUTES.toNanos(1));
        assertFalse(next.isDone());
        cluster.publish(b -> b);
        assertTrue(next.isDone() && next.join()); // completed on the publishing thread, at once
    }

    @Test
    void withoutAPublicationItCompletesFalseWhenTheWaitIsOver() {
        assertFalse(SnapshotWait.within(wait.publication(), TimeUnit.MILLISECONDS.toNanos(50)).join());
        assertFalse(SnapshotWait.within(wait.publication(), 0).join());
    }

    /** A review that does not wait takes the publication and drops it: nothing of it may stay behind. */
    @Test
    void takingThePublicationWithoutWaitingLeavesNothingAttached() {
        CompletableFuture<Void> publication = wait.publication();
        for (int i = 0; i < 1_000; i++) {
            assertSame(publication, wait.publication());
        }
        assertEquals(0, publication.getNumberOfDependents());
        SnapshotWait.within(publication, TimeUnit.MINUTES.toNanos(1));
        assertEquals(1, publication.getNumberOfDependents());
    }

    @Test
    void theBlockingFormStillWakesAtAPublication() {
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(
                () -> wait.until(() -> cluster.current().generation() > 0, TimeUnit.MINUTES.toNanos(1)));
        cluster.publish(b -> b);
        assertTrue(waiter.join());
    }
}
