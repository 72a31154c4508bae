package dev.locus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import tools.jackson.databind.ObjectMapper;
import dev.locus.config.LocusConfig;
import dev.locus.testing.Fixtures;
import dev.locus.testing.HttpExtenderClient;
import dev.locus.testing.RunningLocus;
import java.io.ByteArrayInputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad input gets a 4xx whose {@code {"Error": ...}} names the problem, and the server goes
 * on answering the next valid request correctly.
 */
class BadInputTest {

    /** A small cap so the over-limit case needs no 128 MiB body. */
    private static final long CAP = 64 * 1024;
    private static RunningLocus locus;

    @BeforeAll
    static void start() {
        locus = new RunningLocus(LocusConfig.builder().maxBodyBytes(CAP), Fixtures.cluster());
    }

    @AfterAll
    static void stop() {
        locus.close();
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            filter     | {"Pod": {"metadata": {"name": "p"}}, "NodeNames": ["a"]          | malformed JSON
            filter     | [1, 2, 3]                                                        | request body must be a JSON object
            filter     | "just a string"                                                  | request body must be a JSON object
            filter     | {"NodeNames": ["node-1"], "Nodes": null}                         | missing Pod
            filter     | {"Pod": null, "NodeNames": ["node-1"], "Nodes": null}            | missing Pod
            filter     | {"Pod": 5, "NodeNames": ["node-1"]}                              | Pod must be a Pod object, got a number
            filter     | {"Pod": {}, "Nodes": null, "NodeNames": null}                    | both Nodes and NodeNames are null
            filter     | {"Pod": {}}                                                      | both Nodes and NodeNames are null
            filter     | {"Pod": {}, "NodeNames": "node-1"}                               | NodeNames must be an array of strings or null, got a string
            filter     | {"Pod": {}, "NodeNames": [1]}                                    | NodeNames[0] must be a non-empty string, got a number
            filter     | {"Pod": {}, "NodeNames": ["a", "a"]}                             | node a is offered more than once
            filter     | {"Pod": {}, "Nodes": []}                                         | Nodes must be a NodeList object or null, got an array
            filter     | {"Pod": {}, "Nodes": {"items": [{"metadata": {}}]}}              | Nodes.items[0] has no metadata.name
            filter     | {"Pod": {}, "Nodes": {"items": [7]}}                             | Nodes.items[0] must be a Node object, got a number
            filter     | {"Pod": {}, "Nodes": {"items": [{"metadata": {"name": {"name": "evil"}}}]}} | Nodes.items[0].metadata.name must be a string, got an object
            filter     | {"Pod": {}, "Nodes": {"items": [{"metadata": {"name": ["n"]}, "kind": "Node"}]}} | Nodes.items[0].metadata.name must be a string, got an array
            prioritize | {"Pod": {"metadata": {"name": 3}}, "NodeNames": ["node-1"]}      | Pod.metadata.name must be a string, got a number
            prioritize | {"Pod": {"spec": {"volumes": {}}}, "NodeNames": ["node-1"]}      | Pod.spec.volumes must be an array, got an object
            prioritize | {"Pod": {"spec": {"volumes": [{"name": "v", "persistentVolumeClaim": {}}]}}, "NodeNames": ["n"]} | Pod.spec.volumes[0].persistentVolumeClaim.claimName must be a non-empty string
            prioritize | {"Pod": {"metadata": {"annotations": {"a": 1}}}, "NodeNames": ["n"]} | Pod.metadata.annotations["a"] must be a string, got a number
            prioritize | {"Pod": {}, "NodeNames": ["n"]} {}                               | data after the ExtenderArgs object
            """)
    void badRequestsAreNamed400s(String verb, String body, String message) {
        HttpResponse<String> response = locus.client().post(verb, body.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(error(response).contains(message), response.body());
        assertServerStillAnswers();
    }

    @Test
    void emptyBodyIs400() {
        HttpResponse<String> response = locus.client().post("filter", new byte[0]);
        assertEquals(400, response.statusCode());
        assertTrue(error(response).contains("empty request body"), response.body());
    }

    @Test
    void bodyOverTheCapIs413NamingTheSetting() {
        byte[] body = new byte[(int) CAP + 1];
        Arrays.fill(body, (byte) ' ');
        HttpResponse<String> response = locus.client().post("filter", body);
        assertEquals(413, response.statusCode());
        assertEquals("request body exceeds " + CAP + " bytes (server.maxBodyBytes)", error(response));
        assertServerStillAnswers();
    }

    @Test
    void aChunkedBodyOverTheCapIs413() throws Exception {
        byte[] body = new byte[(int) CAP * 2];
        Arrays.fill(body, (byte) ' ');
        HttpRequest request = HttpRequest.newBuilder(locus.url().resolve("prioritize"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(413, response.statusCode());
        assertServerStillAnswers();
    }

    @Test
    void aChunkedBodyUnderTheCapAndAnyContentTypeIsRead() throws Exception {
        byte[] body = Fixtures.bytes(Fixtures.request("node-cache-capable-true/0004"));
        HttpRequest request = HttpRequest.newBuilder(locus.url().resolve("prioritize"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
                .build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        // the claim is unbound, locality unknown: every node alike
        assertEquals("[{\"Host\":\"node-2\",\"Score\":10},{\"Host\":\"node-1\",\"Score\":10}]", response.body());
    }

    @Test
    void unknownEndpointsAndMethodsAreNamed() {
        HttpResponse<String> missing = locus.client().post("bind", "{}".getBytes(StandardCharsets.UTF_8));
        assertEquals(404, missing.statusCode());
        assertEquals("no such endpoint: POST /bind", error(missing));
        HttpResponse<String> wrongMethod = locus.client().get("filter");
        assertEquals(405, wrongMethod.statusCode());
        assertEquals("method not allowed: GET /filter", error(wrongMethod));
    }

    @Test
    void errorsAreCountedByCauseInMetrics() {
        locus.client().post("filter", "nope".getBytes(StandardCharsets.UTF_8));
        String metrics = locus.client().get("metrics").body();
        // every cause is published at 0 from the start: the value must have moved
        assertTrue(metrics.matches("(?s).*\nlocus_errors_total\\{cause=\"bad_request\",?\\} [1-9].*"), metrics);
        assertTrue(metrics.contains("locus_requests_seconds_bucket{outcome=\"client_error\",verb=\"filter\""), metrics);
    }

    /** The reply's Error text, JSON-decoded. */
    private static String error(HttpResponse<String> response) {
        try {
            return new ObjectMapper().readTree(response.body()).get("Error").asString();
        } catch (Exception e) {
            throw new AssertionError("error reply is not {\"Error\": ...}: " + response.body(), e);
        }
    }

    private static void assertServerStillAnswers() {
        byte[] body = Fixtures.bytes(Fixtures.request("node-cache-capable-true/0003"));
        var outcome = locus.client().filter(body, HttpExtenderClient.offered(body), true);
        assertEquals(List.of("node-2", "node-1"), outcome.passing());
    }
}
