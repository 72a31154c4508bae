package dev.locus.cluster.live;

import static dev.locus.cluster.live.TestObjects.LONGHORN_NAMESPACE;
import static dev.locus.cluster.live.TestObjects.REPLICAS;
import static dev.locus.cluster.live.TestObjects.claim;
import static dev.locus.cluster.live.TestObjects.longhornVolume;
import static dev.locus.cluster.live.TestObjects.node;
import static dev.locus.cluster.live.TestObjects.replica;
import static dev.locus.cluster.live.TestObjects.replicaCrd;
import static dev.locus.cluster.live.TestObjects.storageClass;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.config.LocusConfig;
import dev.locus.testing.HttpExtenderClient;
import dev.locus.testing.RunningLocus;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * A Longhorn replica that fails and recovers over and over while kube-scheduler keeps
 * asking: every answer in between is a valid one, and once the flapping stops the answers
 * follow the replica's last state (no stale locality survives the coalesced snapshots).
 */
@EnableKubernetesMockClient(crud = true)
class ReplicaFlapTest {

    private static final Duration CONVERGE = Duration.ofSeconds(30);
    /** At least this many state changes, and on until the scheduler got this many answers meanwhile. */
    private static final int FLAPS = 20;
    private static final int ANSWERS = 10;
    private static final List<String> OFFERED = List.of("n1", "n2", "n3");
    private static final byte[] PRIORITIZE = ("{\"Pod\":{\"metadata\":{\"name\":\"db-0\",\"namespace\":\"default\"},"
            + "\"spec\":{\"volumes\":[{\"name\":\"data\",\"persistentVolumeClaim\":{\"claimName\":\"data\"}}]}},"
            + "\"Nodes\":null,\"NodeNames\":[\"n1\",\"n2\",\"n3\"]}").getBytes(StandardCharsets.UTF_8);

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void aFlappingReplicaNeverBreaksAnswersAndItsLastStateWins() throws Exception {
        client.apiextensions().v1().customResourceDefinitions().resource(replicaCrd()).create();
        for (String[] n : new String[][] {{"n1", "zone-a"}, {"n2", "zone-b"}, {"n3", "zone-c"}}) {
            client.resource(node(n[0], n[1])).create();
        }
        client.resource(storageClass("longhorn")).create();
        client.resource(longhornVolume("pv-lh", "vol-a")).create();
        client.resource(claim("default", "data", "pv-lh")).create();
        replicas().resource(replica("r1", "vol-a", "n1", "running", "")).create();
        replicas().resource(replica("r2", "vol-a", "n2", "running", "")).create();

        try (LiveClusterState live = LiveClusterState.start(client);
             RunningLocus locus = new RunningLocus(LocusConfig.builder(), live)) {
            HttpExtenderClient scheduler = locus.client();
            await().atMost(CONVERGE).until(() -> live.ready() && points(scheduler).equals(List.of(500L, 500L, 0L)));

            AtomicBoolean flapping = new AtomicBoolean(true);
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicInteger answered = new AtomicInteger();
            Thread asking = new Thread(() -> {
                while (flapping.get() && failure.get() == null) {
                    try {
                        List<Long> points = points(scheduler); // throws on any non-200 or invalid reply
                        assertTrue(points.get(1) == 500 && points.get(2) == 0, "only n1 flaps: " + points);
                        answered.incrementAndGet();
                    } catch (Throwable t) {
                        failure.set(t);
                    }
                }
            }, "scheduler");
            asking.start();
            for (int i = 0; (i < FLAPS || answered.get() < ANSWERS) && i < 50 * FLAPS && failure.get() == null; i++) {
                setFailedAt(i % 2 == 0 ? "2026-11-22T00:00:0" + (i % 10) + "Z" : "");
            }
            setFailedAt("");
            flapping.set(false);
            asking.join(CONVERGE.toMillis());

            assertNull(failure.get(), () -> "an answer while the replica flapped was not valid: " + failure.get());
            assertTrue(answered.get() >= ANSWERS, "answers while flapping: " + answered.get());
            await().atMost(CONVERGE).until(() -> points(scheduler).equals(List.of(500L, 500L, 0L)));
            setFailedAt("2026-11-22T01:00:00Z");
            await().atMost(CONVERGE).until(() -> points(scheduler).equals(List.of(0L, 500L, 0L)));
        }
    }

    private static List<Long> points(HttpExtenderClient scheduler) {
        Map<String, Long> points = scheduler.prioritize(PRIORITIZE, OFFERED);
        return OFFERED.stream().map(points::get).toList();
    }

    @SuppressWarnings("unchecked")
    private void setFailedAt(String value) {
        replicas().withName("r1").edit(r -> {
            ((Map<String, Object>) r.getAdditionalProperties().get("spec")).put("failedAt", value);
            return r;
        });
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> replicas() {
        return client.genericKubernetesResources(REPLICAS).inNamespace(LONGHORN_NAMESPACE);
    }
}
