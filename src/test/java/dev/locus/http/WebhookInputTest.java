package dev.locus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.locus.admission.Reason;
import dev.locus.cluster.ManifestLoader;
import dev.locus.testing.Fixtures;
import dev.locus.testing.MutableClusterState;
import dev.locus.testing.RunningWebhook;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input gets a clear 4xx naming the problem, never a 5xx and never a crash; a review that
 * decodes is always answered {@code allowed: true}, whatever is wrong with its object.
 */
class WebhookInputTest {

    private static final ObjectMapper JSON = tools.jackson.databind.json.JsonMapper.shared();

    @TempDir
    static Path dir;
    private static RunningWebhook webhook;

    @BeforeAll
    static void start() {
        webhook = new RunningWebhook(new MutableClusterState(ManifestLoader.load(Fixtures.ADMISSION.resolve("manifests"))),
                dir, 100);
    }

    @AfterAll
    static void stop() {
        webhook.close();
    }

    static Stream<Arguments> badBodies() {
        String pvc = new String(RunningWebhook.capture("pod-pvc"), StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("empty", "", "empty request body"),
                Arguments.of("truncated JSON", pvc.substring(0, pvc.length() / 2), "request body is not JSON"),
                Arguments.of("not an object", "[1,2,3]", "must be a JSON object"),
                Arguments.of("v1beta1", pvc.replace("admission.k8s.io/v1", "admission.k8s.io/v1beta1"),
                        "expected apiVersion admission.k8s.io/v1 kind AdmissionReview, got apiVersion 'admission.k8s.io/v1beta1'"),
                Arguments.of("another kind", pvc.replace("\"kind\":\"AdmissionReview\"", "\"kind\":\"Pod\""),
                        "expected apiVersion admission.k8s.io/v1 kind AdmissionReview"),
                Arguments.of("no request", "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\"}",
                        "no request object"),
                Arguments.of("no uid", pvc.replaceFirst("\"uid\":\"[^\"]+\",", ""), "request has no uid"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void aBodyThatIsNotAV1ReviewGets400NamingTheProblem(String name, String body, String message) {
        double before = count(Reason.BAD_REVIEW);
        HttpResponse<byte[]> response = webhook.review(body.getBytes(StandardCharsets.UTF_8));
        assertEquals(400, response.statusCode());
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertTrue(text.contains(message), text);
        assertEquals(before + 1, count(Reason.BAD_REVIEW));
    }

    @Test
    void aHugeBodyGets413OnItsLengthAloneAndTheServerCarriesOn() throws IOException {
        // a raw TLS connection: the declared length is refused before any of the body is read
        String status = webhook.rawExchange("POST /mutate-scheduler-name?timeout=5s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + (WebhookServer.MAX_BODY_BYTES + 1)
                + "\r\n\r\n{\"apiVersion\"");
        assertTrue(status.startsWith("HTTP/1.1 413"), status);
        assertTrue(status.contains("AdmissionReview larger than 4194304 bytes"), status);
        assertEquals(200, webhook.review(RunningWebhook.capture("pod-pvc")).statusCode());
    }

    @Test
    void aSenderThatExpects100ContinueIsToldToGoOn() throws IOException {
        // the port is made like the extender's (HttpListeners.options): "Expect: 100-continue" is answered
        byte[] review = RunningWebhook.capture("pod-pvc");
        String reply = webhook.rawExchange("POST /mutate-scheduler-name?timeout=5s HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: application/json\r\nExpect: 100-continue\r\nConnection: close\r\nContent-Length: "
                + review.length + "\r\n\r\n" + new String(review, StandardCharsets.UTF_8));
        assertTrue(reply.startsWith("HTTP/1.1 100 Continue"), reply);
        assertTrue(reply.contains("HTTP/1.1 200 OK"), reply);
    }

    @Test
    void otherPathsAndMethodsGet404() {
        HttpResponse<byte[]> response = webhook.post("/mutate?timeout=5s", RunningWebhook.capture("pod-pvc"));
        assertEquals(404, response.statusCode());
        assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("the webhook is POST /mutate-scheduler-name"));
    }

    /** Reviews that decode are answered allowed, unchanged, whatever their object holds. */
    static Stream<Arguments> oddReviews() {
        String pvc = new String(RunningWebhook.capture("pod-pvc"), StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("an UPDATE", pvc.replace("\"operation\":\"CREATE\"", "\"operation\":\"UPDATE\""),
                        Reason.NOT_POD_CREATE),
                Arguments.of("a Deployment", pvc.replace("\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"}",
                        "\"kind\":{\"group\":\"apps\",\"version\":\"v1\",\"kind\":\"Deployment\"}"), Reason.NOT_POD_CREATE),
                Arguments.of("object is a string", pvc.replaceFirst("\"object\":\\{\"kind\":\"Pod\"", "\"object\":\"x\",\"o\":{\"kind\":\"Pod\""),
                        Reason.BAD_OBJECT),
                Arguments.of("volumes is a map", pvc.replace("\"volumes\":[", "\"volumes\":{\"x\":1},\"v0\":["),
                        Reason.BAD_OBJECT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddReviews")
    void aReviewThatDecodesIsAllowedUnchanged(String name, String body, Reason reason) {
        JsonNode parsed = JSON.readTree(body); // each case is valid JSON: invalid JSON is the 400 cases
        double before = count(reason);
        HttpResponse<byte[]> response = webhook.review(body.getBytes(StandardCharsets.UTF_8));
        assertEquals(200, response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        JsonNode answer = JSON.readTree(response.body()).get("response");
        assertEquals(parsed.at("/request/uid").asString(), answer.get("uid").asString());
        assertTrue(answer.get("allowed").asBoolean());
        assertTrue(!answer.has("patch"), answer.toString());
        assertEquals(before + 1, count(reason), "counted as " + reason.label());
    }

    @Test
    void aStormOfMalformedReviewsGetsOnly400sAndValidOnesStillPass() {
        byte[] pvc = RunningWebhook.capture("pod-pvc");
        byte[] broken = java.util.Arrays.copyOf(pvc, pvc.length / 3);
        List<CompletableFuture<Integer>> statuses = new ArrayList<>();
        // 16 senders at once, like a few API servers' connection pools
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            for (int i = 0; i < 400; i++) {
                byte[] body = i % 2 == 0 ? broken : pvc;
                statuses.add(CompletableFuture.supplyAsync(() -> webhook.review(body).statusCode(), senders));
            }
            for (int i = 0; i < statuses.size(); i++) {
                assertEquals(i % 2 == 0 ? 400 : 200, statuses.get(i).join(), "request " + i);
            }
        } finally {
            senders.shutdownNow();
        }
    }

    private static double count(Reason reason) {
        return webhook.registry().get("locus.webhook.reviews").tag("reason", reason.label()).counter().count();
    }
}
