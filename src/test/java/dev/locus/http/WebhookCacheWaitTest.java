package dev.locus.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.locus.admission.Reason;
import dev.locus.cluster.ClaimInfo;
import dev.locus.cluster.ManifestLoader;
import dev.locus.cluster.ObjectKey;
import dev.locus.testing.Fixtures;
import dev.locus.testing.MutableClusterState;
import dev.locus.testing.RunningWebhook;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The StatefulSet pod's claim ({@code data-web-0}) is created a few ms before the pod, so the
 * informers' snapshot may not hold it yet when the review arrives: the webhook asks again at
 * each new snapshot, within its budget, and then allows the pod unchanged.
 */
class WebhookCacheWaitTest {

    private static final ObjectMapper JSON = tools.jackson.databind.json.JsonMapper.shared();
    private static final int WAIT_MILLIS = 3000;

    @TempDir
    Path dir;
    private MutableClusterState cluster;
    private RunningWebhook webhook;

    @BeforeEach
    void start() {
        cluster = new MutableClusterState(ManifestLoader.load(Fixtures.ADMISSION.resolve("manifests")));
        webhook = new RunningWebhook(cluster, dir, WAIT_MILLIS);
    }

    @AfterEach
    void stop() {
        webhook.close();
    }

    @Test
    void aClaimThatReachesTheCacheDuringTheWaitIsJudged() throws IOException {
        long readsBefore = cluster.reads();
        CompletableFuture<HttpResponse<byte[]>> pending =
                CompletableFuture.supplyAsync(() -> webhook.review(RunningWebhook.capture("statefulset-pod")));
        // the webhook has read the snapshot: a snapshot published from now on wakes it
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.reads() > readsBefore);
        assertFalse(pending.isDone());
        cluster.publish(b -> b.claim(new ClaimInfo(new ObjectKey("default", "data-web-0"), null, "hc", 1L << 30, Map.of())));

        JsonNode answer = JSON.readTree(pending.join().body()).get("response");
        assertEquals("JSONPatch", answer.path("patchType").asString(), answer.toString());
        assertEquals(1.0, count(Reason.SCHEDULER_SET));
    }

    @Test
    void aClaimThatNeverArrivesLeavesThePodUnchangedWithinHalfTheApiServersTimeout() throws IOException {
        long readsBefore = cluster.reads();
        long start = System.nanoTime();
        // ?timeout=2s: the wait stops after 1 s, though webhook.cacheWaitMillis is 3 s
        HttpResponse<byte[]> response = webhook.post("/mutate-scheduler-name?timeout=2s",
                RunningWebhook.capture("statefulset-pod"));
        long millis = (System.nanoTime() - start) / 1_000_000;

        JsonNode answer = JSON.readTree(response.body()).get("response");
        assertTrue(answer.path("allowed").asBoolean());
        assertFalse(answer.has("patch"), answer.toString());
        assertEquals(1.0, count(Reason.NOT_IN_CACHE));
        assertTrue(millis >= 1000 && millis < WAIT_MILLIS, millis + " ms");
        // one decision, on one snapshot read: no new snapshot came, so nothing looked again (a
        // poll every 20 ms would read ~50 times); one more read is Locus's start-up warm-up
        assertTrue(cluster.reads() - readsBefore <= 2, (cluster.reads() - readsBefore) + " reads");
    }

    /** Manifests never publish a newer snapshot: a claim they lack is answered at once, not after the wait. */
    @Test
    void aManifestStateIsNotWaitedFor() throws IOException {
        cluster.live(false);
        long start = System.nanoTime();
        HttpResponse<byte[]> response = webhook.post("/mutate-scheduler-name", RunningWebhook.capture("statefulset-pod"));
        long millis = (System.nanoTime() - start) / 1_000_000;

        JsonNode answer = JSON.readTree(response.body()).get("response");
        assertFalse(answer.has("patch"), answer.toString());
        assertEquals(1.0, count(Reason.NOT_IN_CACHE));
        assertTrue(millis < WAIT_MILLIS / 2, millis + " ms: waited for a snapshot that cannot come");
    }

    @Test
    void beforeTheInformersHaveSyncedPodsAreLeftAlone() throws IOException {
        cluster.ready(false);
        JsonNode answer = JSON.readTree(webhook.review(RunningWebhook.capture("pod-pvc")).body()).get("response");
        assertFalse(answer.has("patch"), answer.toString());
        assertEquals(1.0, count(Reason.CACHE_NOT_READY));
    }

    private double count(Reason reason) {
        return webhook.registry().get("locus.webhook.reviews").tag("reason", reason.label()).counter().count();
    }
}
