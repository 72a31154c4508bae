package dev.locus.cluster.live;

import static dev.locus.cluster.live.TestObjects.localVolume;
import static dev.locus.cluster.live.TestObjects.node;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.Locus;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.KindStatus;
import dev.locus.config.LocusConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Live mode when the API server misbehaves: not there at start, refusing one list, going
 * away with every watch, and coming back without the history those watches need.
 */
@Timeout(180)
class LiveRecoveryTest {

    private static final Duration CONVERGE = Duration.ofSeconds(60);

    private final MockApiServer api = new MockApiServer();
    private KubernetesClient client;
    private LiveClusterState live;
    private Locus locus;

    @AfterEach
    void stop() {
        if (locus != null) {
            locus.close();
        }
        if (live != null) {
            live.close();
        }
        if (client != null) {
            client.close();
        }
        api.close();
    }

    private KindStatus status(String kind) {
        return live.kinds().stream().filter(k -> k.kind().equals(kind)).findFirst().orElseThrow();
    }

    private int serve() {
        locus = Locus.create(LocusConfig.builder().host("127.0.0.1").port(0).build(), live);
        return locus.start().toCompletionStage().toCompletableFuture().join();
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readinessFlipsOnlyAfterEveryInformerHasSynced() throws Exception {
        api.start();
        client = api.client();
        client.resource(node("n1", "zone-a")).create();
        api.failLists("/csistoragecapacities");
        live = LiveClusterState.start(client);
        int port = serve();

        await().atMost(CONVERGE).until(() -> live.kinds().size() == WatchedKinds.ALL.stream().filter(k -> !k.optional()).count()
                && live.kinds().stream().filter(k -> !k.kind().equals("CSIStorageCapacity")).allMatch(KindStatus::synced)
                && status("CSIStorageCapacity").errors() > 0);
        assertFalse(live.ready());
        assertEquals(0, live.current().generation(), "nothing is published before every kind has listed");
        assertEquals(503, get(port, "/readyz").statusCode());
        assertEquals(200, get(port, "/healthz").statusCode());

        api.healLists();
        await().atMost(CONVERGE).until(live::ready);
        await().atMost(CONVERGE).until(() -> get(port, "/readyz").statusCode() == 200); // after the warm-up
        assertNotNull(live.current().node("n1"));

        String metrics = get(port, "/metrics").body();
        assertTrue(metrics.contains("locus_snapshot_age_seconds{kind=\"Node\"}"), metrics);
        assertTrue(metrics.contains("locus_informer_errors_total{kind=\"CSIStorageCapacity\"}"), metrics);
        assertTrue(metrics.contains("locus_informer_relists_total{kind=\"PersistentVolume\"}"), metrics);
        assertTrue(metrics.contains("locus_informer_watch_restarts_total{kind=\"Node\"} 0.0"), metrics);
        assertTrue(metrics.contains("locus_snapshot_generation"), metrics);
        assertTrue(metrics.contains("cache_gets_total{cache=\"locality\""), metrics);
        assertTrue(metrics.contains("locus_ready 1.0"), metrics);
    }

    @Test
    void anUnreachableApiServerAtStartIsRetriedUntilItAnswers() {
        client = api.client();
        live = LiveClusterState.start(client);
        await().atMost(CONVERGE).until(() -> !live.kinds().isEmpty() && status("Node").errors() > 1);
        assertFalse(live.ready());
        assertEquals(0, live.current().generation());

        api.start();
        client.resource(node("n1", "zone-a")).create();
        await().atMost(CONVERGE).until(live::ready);
        await().atMost(CONVERGE).until(() -> live.current().node("n1") != null);
    }

    @Test
    void aLostWatchIsReestablishedWithARelistAndTheLastStateIsServedMeanwhile() throws Exception {
        api.start();
        client = api.client();
        client.resource(node("n1", "zone-a")).create();
        client.resource(localVolume("pv-keep", "n1")).create();
        client.resource(localVolume("pv-gone", "n1")).create();
        live = LiveClusterState.start(client);
        int port = serve();
        await().atMost(CONVERGE).until(live::ready);
        await().atMost(CONVERGE).until(() -> live.kinds().stream().allMatch(KindStatus::watching));
        assertEquals("ready\n", get(port, "/readyz").body());
        ClusterSnapshot before = live.current();

        api.stop();
        await().atMost(CONVERGE).until(() -> live.kinds().stream().noneMatch(KindStatus::watching)
                && status("PersistentVolume").ageSeconds() > 0);
        assertTrue(live.ready(), "a lost watch does not make Locus unready");
        assertSame(before, live.current(), "the last state is served while the API server is away");
        HttpResponse<String> ready = get(port, "/readyz");
        assertEquals(200, ready.statusCode());
        assertTrue(ready.body().startsWith("ready; stale: not in sync with the API server for "), ready.body());

        KubernetesMockServer side = api.sideDoor();
        try (KubernetesClient sideClient = MockApiServer.client(side)) {
            sideClient.persistentVolumes().withName("pv-gone").delete();
            sideClient.resource(localVolume("pv-new", "n1")).create();
        } finally {
            side.shutdown();
        }
        api.compact();
        api.start();

        await().atMost(CONVERGE).until(() -> live.current().volume("pv-gone") == null
                && live.current().volume("pv-new") != null);
        assertNotNull(live.current().volume("pv-keep"));
        // the relist's snapshot can be published before the relist is counted: wait for the count
        await("the deletion was learnt by a relist").atMost(CONVERGE)
                .until(() -> status("PersistentVolume").relists() >= 1);
        await().atMost(CONVERGE).until(() -> status("PersistentVolume").watching()
                && status("PersistentVolume").ageSeconds() == 0);
        await().atMost(CONVERGE).until(() -> status("PersistentVolume").watchRestarts() >= 1);
        await().atMost(CONVERGE).until(() -> get(port, "/readyz").body().equals("ready\n"));
    }
}
