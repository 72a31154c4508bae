package dev.locus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.locus.testing.FixtureAnswers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.locus.testing.Fixtures;
import dev.locus.testing.HttpExtenderClient;
import dev.locus.testing.HttpExtenderClient.FilterOutcome;
import dev.locus.testing.RunningLocus;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every request a genuine kube-scheduler v1.24 sent, byte for byte, answered over a real
 * socket with the cluster that produced it plus a locality overlay, and judged by the
 * scheduler's own rules against answers stated in {@link FixtureAnswers}.
 */
class FixtureRequestsTest {

    private static RunningLocus locus;

    @BeforeAll
    static void start(@TempDir Path dir) {
        locus = new RunningLocus(FixtureAnswers.cluster(dir));
    }

    @AfterAll
    static void stop() {
        locus.close();
    }

    static Stream<Path> captures() {
        return Fixtures.requests().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void everyCaptureIsAnsweredAsTheSchedulerExpects(Path capture) throws Exception {
        byte[] body = Fixtures.bytes(capture);
        List<String> offered = HttpExtenderClient.offered(body);
        assertFalse(offered.isEmpty(), "capture offers nodes");
        FixtureAnswers.check(capture, locus.client());
        boolean nodeCacheCapable = HttpExtenderClient.nodeCacheCapable(body);
        if (Fixtures.verb(capture).equals("filter") && !nodeCacheCapable) {
            assertNodesEchoed(body, locus.client().filter(body, offered, false).passingNodes());
        }
    }

    @Test
    void podSingleKeepsNode2InBothModes() {
        for (String prefix : List.of("node-cache-capable-true/0005", "node-cache-capable-false/0005")) {
            byte[] body = Fixtures.bytes(Fixtures.request(prefix));
            FilterOutcome outcome = locus.client().filter(body, List.of("node-2"),
                    HttpExtenderClient.nodeCacheCapable(body));
            assertEquals(List.of("node-2"), outcome.passing(), prefix);
        }
    }

    /** Nodes mode: the reply's node objects are the request's, unchanged. */
    private static void assertNodesEchoed(byte[] request, List<JsonNode> replied) throws Exception {
        JsonNode items = new ObjectMapper().readTree(request).path("Nodes").path("items");
        for (JsonNode node : replied) {
            String name = node.path("metadata").path("name").asString();
            JsonNode original = null;
            for (JsonNode item : items) {
                if (item.path("metadata").path("name").asString().equals(name)) {
                    original = item;
                }
            }
            assertEquals(original, node, "node " + name + " echoed unchanged");
        }
    }
}
