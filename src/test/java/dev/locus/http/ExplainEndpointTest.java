package dev.locus.http;

import static dev.locus.testing.TestCluster.GIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.locus.Locus;
import dev.locus.cluster.StaticClusterState;
import dev.locus.config.LocusConfig;
import dev.locus.placement.Reasons;
import dev.locus.placement.StorageState;
import dev.locus.testing.TestCluster;
import io.vertx.core.VertxOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /explain end to end: a real server on a random port, a strict blocked-thread check. */
class ExplainEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static Locus locus;
    private static int port;

    @BeforeAll
    static void start() {
        var cluster = new TestCluster().node("a", "r", "z", "k1").node("b", "r", "z", "k1")
                .node("c", "r", "z", "k2", Map.of(StorageState.ANNOTATION, "down"))
                .volume("db", 100 * GIB, "a").volume("scratch", GIB, null, Map.of("locus.dev/locality", "none"), "c")
                .snapshot();
        VertxOptions options = new VertxOptions().setMaxEventLoopExecuteTime(100).setMaxEventLoopExecuteTimeUnit(
                TimeUnit.MILLISECONDS);
        locus = Locus.create(options, LocusConfig.builder().port(0).host("127.0.0.1").build(),
                new StaticClusterState(cluster));
        port = locus.start().toCompletionStage().toCompletableFuture().join();
    }

    @AfterAll
    static void stop() {
        locus.close();
    }

    @Test
    void explainsEveryVerdictAndComponentAndMatchesPrioritize() throws Exception {
        String body = """
                {"Pod": {"metadata": {"name": "p", "namespace": "ns"}, "spec": {"volumes": [
                   {"name": "d", "persistentVolumeClaim": {"claimName": "db"}},
                   {"name": "s", "persistentVolumeClaim": {"claimName": "scratch"}}]}},
                 "Nodes": null, "NodeNames": ["a", "b", "c"]}""";

        HttpResponse<String> explain = post("/explain", body);
        HttpResponse<String> prioritize = post("/prioritize", body);

        assertEquals(200, explain.statusCode(), explain.body());
        JsonNode root = JSON.readTree(explain.body());
        JsonNode priorities = JSON.readTree(prioritize.body());
        assertEquals("ns/p", root.path("Pod").asString());
        assertEquals(3, root.path("Nodes").size());
        for (int i = 0; i < 3; i++) {
            assertEquals(priorities.get(i).path("Score").asInt(), root.path("Nodes").get(i).path("Score").asInt());
        }
        JsonNode b = root.path("Nodes").get(1);
        assertEquals("b", b.path("Name").asString());
        assertTrue(b.path("Passed").asBoolean());
        assertEquals(5, b.path("Filters").size(), "every filter's verdict, not only rejections");
        JsonNode db = b.path("Volumes").get(0);
        assertEquals("ns/db", db.path("Claim").asString());
        assertEquals("pv-db", db.path("Volume").asString());
        assertEquals("preferred", db.path("Policy").asString());
        assertEquals("rack", db.path("Tier").asString());
        assertEquals(7, db.path("Score").asInt());
        assertEquals(100 * GIB, db.path("Weight").asLong());
        JsonNode scratch = b.path("Volumes").get(1);
        assertEquals("none", scratch.path("Policy").asString());
        assertTrue(scratch.path("Score").isNull(), "policy none does not count");
        assertEquals(7, b.path("Score").asInt());

        JsonNode c = root.path("Nodes").get(2);
        assertFalse(c.path("Passed").asBoolean());
        assertEquals("down", c.path("StorageState").asString());
        JsonNode state = c.path("Filters").get(3);
        assertEquals("StorageState", state.path("Plugin").asString());
        assertEquals("Unschedulable", state.path("Code").asString());
        assertEquals(Reasons.STORAGE_DOWN, state.path("Reason").asString());
    }

    @Test
    void badRequestsGoThroughTheOneFailureMapper() throws Exception {
        HttpResponse<String> response = post("/explain", "{\"Pod\": 3}");

        assertEquals(400, response.statusCode());
        assertTrue(JSON.readTree(response.body()).path("Error").asString().contains("Pod must be a Pod object"),
                response.body());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
