package dev.locus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import dev.locus.admission.Reason;
import dev.locus.admission.SchedulerNameWebhook;
import dev.locus.cluster.ClaimInfo;
import dev.locus.cluster.ManifestLoader;
import dev.locus.cluster.ObjectKey;
import dev.locus.testing.Fixtures;
import dev.locus.testing.MutableClusterState;
import dev.locus.testing.RunningWebhook;
import io.fabric8.zjsonpatch.JsonPatch;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every AdmissionReview a real kube-apiserver v1.24 sent (test resources, byte for byte)
 * answered over TLS as the API server calls: the cluster is the one that produced them
 * (StorageClass {@code hc}, claim {@code data-0}, and {@code data-web-0}, which the
 * StatefulSet controller had created before its pod). A patch is applied with an RFC 6902
 * implementation that refuses an {@code add} below a missing parent, as the API server does.
 */
class WebhookFixturesTest {

    private static final ObjectMapper JSON = tools.jackson.databind.json.JsonMapper.shared();

    @TempDir
    static Path dir;
    private static RunningWebhook webhook;

    @BeforeAll
    static void start() {
        MutableClusterState cluster = new MutableClusterState(ManifestLoader.load(Fixtures.ADMISSION.resolve("manifests")));
        cluster.publish(b -> b.claim(new ClaimInfo(new ObjectKey("default", "data-web-0"), null, "hc", 1L << 30, Map.of())));
        webhook = new RunningWebhook(cluster, dir, 200);
    }

    @AfterAll
    static void stop() {
        webhook.close();
    }

    static Stream<Arguments> captures() throws IOException {
        Map<String, Reason> expected = Map.of(
                "pod-pvc", Reason.SCHEDULER_SET,
                "pod-other-scheduler", Reason.OTHER_SCHEDULER,
                "pod-no-volumes", Reason.NO_MANAGED_VOLUME,
                "pod-apps-namespace", Reason.NO_MANAGED_VOLUME,
                "statefulset-pod", Reason.SCHEDULER_SET,
                "deployment-ephemeral-pod", Reason.SCHEDULER_SET,
                "pod-dry-run", Reason.SCHEDULER_SET);
        try (Stream<Path> files = Files.list(Fixtures.ADMISSION.resolve("requests"))) {
            return files.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".request.json")).sorted()
                    .map(f -> f.substring(0, f.length() - ".request.json".length()))
                    // the other captures are pods without claims, made to probe the API server
                    .map(name -> Arguments.of(name, expected.getOrDefault(name, Reason.NO_MANAGED_VOLUME)))
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("captures")
    void everyCaptureIsAnsweredAllowedAndPatchedOnlyWhenItUsesAManagedClass(String name, Reason expected)
            throws IOException {
        byte[] body = RunningWebhook.capture(name);
        JsonNode request = JSON.readTree(body).get("request");
        double before = count(expected);

        HttpResponse<byte[]> response = webhook.review(body);

        assertEquals(200, response.statusCode(), new String(response.body()));
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElse(""));
        JsonNode review = JSON.readTree(response.body());
        assertEquals("admission.k8s.io/v1", review.path("apiVersion").asString());
        assertEquals("AdmissionReview", review.path("kind").asString());
        JsonNode answer = review.get("response");
        assertEquals(request.get("uid").asString(), answer.path("uid").asString());
        assertTrue(answer.path("allowed").asBoolean(), "allowed");
        if (expected == Reason.SCHEDULER_SET) {
            assertPatchSetsOnlySchedulerNameAndAnnotation(request.get("object"), answer);
        } else {
            assertFalse(answer.has("patch") || answer.has("patchType"), answer.toString());
        }
        assertEquals(before + 1, count(expected), "locus_webhook_reviews_total{reason=" + expected.label() + "}");
    }

    private static void assertPatchSetsOnlySchedulerNameAndAnnotation(JsonNode pod, JsonNode answer) throws IOException {
        assertEquals("JSONPatch", answer.path("patchType").asString());
        JsonNode patch = JSON.readTree(Base64.getDecoder().decode(answer.path("patch").asString()));
        // none of the captured pods has annotations: the map is added whole, never a key below it
        assertEquals(JSON.readTree("""
                [{"op":"add","path":"/metadata/annotations","value":{"locus.dev/scheduler-name-set-by":"scheduler-name.locus.dev"}},
                 {"op":"replace","path":"/spec/schedulerName","value":"locus-scheduler"}]"""), patch);
        JsonNode patched = JsonPatch.apply(patch, pod);
        ObjectNode expected = (ObjectNode) pod.deepCopy();
        ((ObjectNode) expected.get("spec")).put("schedulerName", "locus-scheduler");
        ((ObjectNode) expected.get("metadata")).putObject("annotations")
                .put(SchedulerNameWebhook.ANNOTATION, SchedulerNameWebhook.WEBHOOK_NAME);
        assertEquals(expected, patched);
    }

    @Test
    void dryRunGetsTheSamePatchAsARealCreate() throws IOException {
        JsonNode dry = JSON.readTree(webhook.review(RunningWebhook.capture("pod-dry-run")).body()).get("response");
        JsonNode real = JSON.readTree(webhook.review(RunningWebhook.capture("pod-pvc")).body()).get("response");
        assertTrue(JSON.readTree(RunningWebhook.capture("pod-dry-run")).at("/request/dryRun").asBoolean());
        assertEquals(real.get("patch"), dry.get("patch"));
    }

    private static double count(Reason reason) {
        return webhook.registry().get("locus.webhook.reviews").tag("reason", reason.label()).counter().count();
    }

}
