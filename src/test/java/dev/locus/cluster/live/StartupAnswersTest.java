package dev.locus.cluster.live;

import static dev.locus.cluster.live.TestObjects.claim;
import static dev.locus.cluster.live.TestObjects.localVolume;
import static dev.locus.cluster.live.TestObjects.node;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.config.LocusConfig;
import dev.locus.testing.HttpExtenderClient;
import dev.locus.testing.RunningLocus;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Until the first full sync, live mode answers nothing from its (empty or partial) view:
 * /filter carries an {@code Error} that fails the scheduling cycle, /prioritize and /explain
 * answer 503. Readiness does not gate 127.0.0.1 (the sidecar layout), so this is what keeps a
 * scheduler that calls early from placing pods blind.
 */
@Timeout(120)
class StartupAnswersTest {

    private static final Duration CONVERGE = Duration.ofSeconds(60);
    private static final List<String> OFFERED = List.of("n1", "n2");
    private static final byte[] REQUEST = ("{\"Pod\":{\"metadata\":{\"name\":\"db-0\",\"namespace\":\"default\"},"
            + "\"spec\":{\"volumes\":[{\"name\":\"d\",\"persistentVolumeClaim\":{\"claimName\":\"data\"}}]}},"
            + "\"NodeNames\":[\"n1\",\"n2\"]}").getBytes(StandardCharsets.UTF_8);

    private final MockApiServer api = new MockApiServer();
    private KubernetesClient client;
    private LiveClusterState live;
    private RunningLocus locus;

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

    @Test
    void nothingIsAnsweredFromAPartialViewAndEverythingOnceSynced() {
        api.start();
        client = api.client();
        client.resource(node("n1", "zone-a")).create();
        client.resource(node("n2", "zone-a")).create();
        client.resource(localVolume("pv-1", "n1")).create();
        client.resource(claim("default", "data", "pv-1")).create();
        api.failLists("/csistoragecapacities");
        live = LiveClusterState.start(client);
        locus = new RunningLocus(LocusConfig.builder(), live);
        await().atMost(CONVERGE).until(() -> live.kinds().size() == WatchedKinds.ALL.stream().filter(k -> !k.optional()).count()
                && live.kinds().stream().filter(k -> !k.kind().equals("CSIStorageCapacity")).allMatch(k -> k.synced()));
        assertFalse(live.ready(), "one kind has not listed yet");
        HttpExtenderClient scheduler = locus.client();

        var refused = assertThrows(HttpExtenderClient.ExtenderError.class,
                () -> scheduler.filter(REQUEST, OFFERED, true));
        assertEquals(200, refused.status, "filter errors travel in the Error field, shown in the pod's event");
        assertTrue(refused.getMessage().startsWith("locus is not ready"), refused.getMessage());
        var prioritize = scheduler.post("prioritize", REQUEST);
        assertEquals(503, prioritize.statusCode(), prioritize.body());
        assertEquals(503, scheduler.post("explain", REQUEST).statusCode());
        assertTrue(scheduler.get("metrics").body().contains("locus_errors_total{cause=\"not_ready\"} 3.0"));

        api.healLists();
        await().atMost(CONVERGE).until(live::ready);
        assertEquals(List.of("n1"), scheduler.filter(REQUEST, OFFERED, true).passing());
        assertEquals(200, scheduler.post("prioritize", REQUEST).statusCode());
    }
}
