package dev.locus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import tools.jackson.databind.ObjectMapper;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ClusterState;
import dev.locus.cluster.ManifestLoader;
import dev.locus.config.LocusConfig;
import dev.locus.testing.HttpExtenderClient;
import dev.locus.testing.RunningLocus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Past {@code server.requestDeadlineMillis} Locus answers without locality instead of
 * letting kube-scheduler time out, counts it, and recovers; a body that never finishes
 * arriving gets 408 and loses its connection.
 */
class RequestDeadlineTest {

    /**
     * Above the shipped 1500 ms: placement of these small requests fits with room to spare
     * even on a loaded 2-core machine. The degraded answers do not depend on it: placement is
     * held on a gate until the budget is spent, whatever the budget.
     */
    private static final int BUDGET_MILLIS = 2000;
    private static final List<String> OFFERED = List.of("node-a1", "node-b2", "node-c3", "node-c4");

    /**
     * The demo cluster, whose {@link #current()} blocks placement threads while the gate is
     * closed (other readers, such as the metrics scrape, are not held up).
     */
    static final class GatedClusterState implements ClusterState {
        private final ClusterSnapshot snapshot;
        private volatile CountDownLatch gate = new CountDownLatch(0);

        GatedClusterState() {
            this(ManifestLoader.load("demo", GatedClusterState.class.getResourceAsStream("/demo/cluster.yaml")));
        }

        GatedClusterState(ClusterSnapshot snapshot) {
            this.snapshot = snapshot;
        }

        void close() {
            gate = new CountDownLatch(1);
        }

        void open() {
            gate.countDown();
        }

        @Override
        public ClusterSnapshot current() {
            if (!Thread.currentThread().getName().startsWith("locus-placement")) {
                return snapshot;
            }
            try {
                // bounded, so a broken test cannot leave a thread behind for ever
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return snapshot;
        }

        @Override
        public boolean ready() {
            return true;
        }
    }

    private static final GatedClusterState cluster = new GatedClusterState();
    private static RunningLocus locus;

    @BeforeAll
    static void start() {
        locus = new RunningLocus(LocusConfig.builder().requestDeadlineMillis(BUDGET_MILLIS), cluster);
    }

    @AfterAll
    static void stop() {
        cluster.open();
        locus.close();
    }

    private static byte[] example(String name) throws IOException {
        return Files.readAllBytes(Path.of("docs", "examples", name));
    }

    @Test
    void aStuckPlacementIsAnsweredWithTheSafetyFiltersAndEqualScores() throws IOException {
        byte[] filter = example("filter-nodenames.json");
        byte[] prioritize = example("prioritize-nodenames.json");
        cluster.close();
        try {
            assertDegraded(filter, prioritize);
        } finally {
            cluster.open();
        }
        assertEquals(List.of("node-c4"), locus.client().filter(filter, OFFERED, true).passing(),
                "the rules apply again once placement is fast");
    }

    private static void assertDegraded(byte[] filter, byte[] prioritize) {
        var outcome = locus.client().filter(filter, OFFERED, true);
        assertEquals(List.of("node-c4"), outcome.passing(), "the local PV's node affinity still holds (DegradedFilterTest)");
        List<String> scored = HttpExtenderClient.offered(prioritize);
        Map<String, Long> points = locus.client().prioritize(prioritize, scored);
        assertEquals(scored.size(), points.size());
        assertEquals(List.of(0L), points.values().stream().distinct().toList(), points::toString);

        String metrics = locus.client().get("metrics").body();
        assertTrue(metrics.contains("locus_deadline_exceeded_total{verb=\"filter\"} 1.0"), metrics);
        assertTrue(metrics.contains("locus_deadline_exceeded_total{verb=\"prioritize\"} 1.0"), metrics);
    }

    @Test
    void aBodyStillArrivingAtTheDeadlineGets408AndTheConnectionIsClosed() throws IOException {
        try (Socket socket = new Socket(locus.url().getHost(), locus.url().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /filter HTTP/1.1\r\nHost: locus\r\nContent-Type: application/json\r\n"
                    + "Content-Length: 1000\r\n\r\n{\"Pod\": {").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // readAllBytes returns only once the server closes the connection (else the read times out)
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(response.startsWith("HTTP/1.1 408 "), response);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            assertEquals("request body not received within " + BUDGET_MILLIS + " ms (server.requestDeadlineMillis)",
                    new ObjectMapper().readTree(body).get("Error").asString());
        }
        assertTrue(locus.client().get("metrics").body().contains("locus_errors_total{cause=\"request_timeout\"} 1.0"));
    }

    @Test
    void aBudgetSpentBeforePlacementSkipsItAndCounts() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (RequestDeadline deadline = new RequestDeadline(null, BUDGET_MILLIS, registry)) {
            long longAgo = System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(2L * BUDGET_MILLIS);
            String answer = deadline.within(longAgo, "filter", () -> {
                throw new AssertionError("placement must not run once the budget is spent");
            }, () -> "degraded");
            assertEquals("degraded", answer);
            assertEquals(1.0, registry.get("locus.deadline.exceeded").tag("verb", "filter").counter().count());
            assertEquals("placed", deadline.within(System.nanoTime(), "filter", () -> "placed", () -> "degraded"));
        }
    }

    @Test
    void aPlacementBugIsRethrownAsItIsForTheFailureMapper() {
        try (RequestDeadline deadline = new RequestDeadline(null, 10_000, new SimpleMeterRegistry())) {
            IllegalStateException bug = new IllegalStateException("bug");
            assertSame(bug, assertThrows(IllegalStateException.class,
                    () -> deadline.within(System.nanoTime(), "prioritize", () -> {
                        throw bug;
                    }, () -> "degraded")));
        }
    }
}
