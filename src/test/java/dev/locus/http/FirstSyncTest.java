package dev.locus.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ClusterState;
import dev.locus.cluster.SnapshotChange;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A request that arrives before the first sync waits for it (within its budget) and is then
 * answered, instead of being refused and left to the scheduler's retry, which can take
 * minutes. Refusal after the wait is {@code StartupAnswersTest}'s.
 */
@Timeout(60)
class FirstSyncTest {

    /** A cluster state that syncs when the test says so, publishing like a live one. */
    static final class Syncing implements ClusterState {
        private final List<Consumer<SnapshotChange>> listeners = new CopyOnWriteArrayList<>();
        private volatile ClusterSnapshot current = ClusterSnapshot.empty();

        void sync() {
            current = ClusterSnapshot.builder().generation(1).build();
            listeners.forEach(l -> l.accept(new SnapshotChange(current, Set.of(), Set.of())));
        }

        @Override
        public ClusterSnapshot current() {
            return current;
        }

        @Override
        public boolean ready() {
            return current.generation() > 0;
        }

        @Override
        public void addListener(Consumer<SnapshotChange> listener) {
            listeners.add(listener);
        }
    }

    @Test
    void aRequestBeforeTheFirstSyncWaitsForItAndIsAnswered() throws Exception {
        Syncing cluster = new Syncing();
        FirstSync gate = new FirstSync(cluster, new SnapshotWait(cluster));
        // ready at the moment the gate let the request through: a gate that did not wait answers unsynced
        FutureTask<Boolean> passedSynced = new FutureTask<>(() -> !gate.refuses(null, "filter",
                TimeUnit.SECONDS.toNanos(30), new LocusMetrics()) && cluster.ready());
        Thread request = new Thread(passedSynced, "placement");
        request.setDaemon(true);
        request.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> passedSynced.isDone() || parked(request));
        assertFalse(passedSynced.isDone(), "the request waits for the first sync, neither answered nor refused");

        cluster.sync();
        assertTrue(passedSynced.get(10, TimeUnit.SECONDS), "answered once synced, and only then");
        assertFalse(gate.refuses(null, "prioritize", 0, new LocusMetrics()), "synced: no wait, no refusal");
    }

    private static boolean parked(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }
}
