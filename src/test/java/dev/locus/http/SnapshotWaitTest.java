package dev.locus.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.testing.MutableClusterState;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The non-blocking form of the one snapshot wait, {@link SnapshotWait#next}. */
class SnapshotWaitTest {

    private final MutableClusterState cluster = new MutableClusterState(ClusterSnapshot.builder().build());
    private final SnapshotWait wait = new SnapshotWait(cluster);

    @Test
    void aPublicationAfterTheFutureWasTakenCompletesItTrue() {
        CompletableFuture<Boolean> next = wait.next(TimeUnit.MINUTES.toNanos(1));
        assertFalse(next.isDone());
        cluster.publish(b -> b);
        assertTrue(next.isDone() && next.join()); // completed on the publishing thread, at once
    }

    @Test
    void withoutAPublicationItCompletesFalseWhenTheWaitIsOver() {
        assertFalse(wait.next(TimeUnit.MILLISECONDS.toNanos(50)).join());
        assertFalse(wait.next(0).join());
    }

    @Test
    void theBlockingFormStillWakesAtAPublication() {
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(
                () -> wait.until(() -> cluster.current().generation() > 0, TimeUnit.MINUTES.toNanos(1)));
        cluster.publish(b -> b);
        assertTrue(waiter.join());
    }
}
