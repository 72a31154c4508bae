package dev.locus.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.config.LocusConfig;
import io.fabric8.kubernetes.client.Config;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The edges of Locus's life under the genuine control plane: Locus restarted while pods are
 * being created (docs/live-cluster.md, "Before the first sync"), and the API server stopped
 * after Locus has synced and started again (docs/live-cluster.md, "Staleness rule").
 */
@ExtendWith(ControlPlaneExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StartupAndOutageE2E {

    /** The bar for the restart scenario: at least 19 of 20 pods next to their data. */
    static final int PODS = 20;
    static final int ON_REPLICA_AT_LEAST = 19;
    /** How long the API server stays away: long enough for every watch to be seen lost. */
    static final Duration OUTAGE = Duration.ofSeconds(20);
    /**
     * How long the restarted Locus cannot reach the apiserver: longer than a request waits for
     * the first sync (1.25 s), so the first pods reach Locus before it has synced whatever the
     * machine's load, as they do in a large cluster. Answered from that view they would land
     * anywhere; refused, they wait for the scheduler's unschedulable-queue flush (5 min in
     * v1.24 by default; 30 s here, {@code ComponentCommands.scheduler}) and then land next to
     * their data. Pods arriving after the sync are placed at once.
     */
    static final Duration SYNC_DELAY = Duration.ofSeconds(3);
    static final Duration BIND_AFTER_RESTART = Duration.ofMinutes(7);

    private final Random random = new Random(14);
    private ControlPlane plane;
    private Cluster cluster;

    @BeforeAll
    void nodes(ControlPlane plane) {
        this.plane = plane;
        Cluster.ensureNodes(plane.client());
        plane.locus().awaitSees("all nodes", s -> s.nodes().size() >= Cluster.nodeNames().size());
    }

    @AfterEach
    void cleanUp() {
        if (cluster != null) {
            cluster.deleteAll();
            cluster = null;
        }
    }

    @AfterAll
    void shippedSchedulerAgain() {
        plane.stopScheduler(); // the next class starts the shipped one it needs
    }

    private Cluster namespace(String name) {
        plane.createNamespace(name);
        cluster = new Cluster(plane.client(), name);
        return cluster;
    }

    /** 20 one-volume pods whose volumes have 2 replicas each; returns claim -> replica nodes. */
    private Map<String, List<String>> volumes(Cluster c, int count) {
        Map<String, List<String>> replicas = new HashMap<>();
        for (int i = 0; i < count; i++) {
            List<String> nodes = new ArrayList<>(Cluster.nodeNames());
            Collections.shuffle(nodes, random);
            replicas.put("data-" + i, List.copyOf(nodes.subList(0, 2)));
            c.volume("data-" + i, "10Gi", replicas.get("data-" + i), Map.of());
        }
        c.awaitClaimsBound(plane, new ArrayList<>(replicas.keySet()));
        return replicas;
    }

    @Test
    void podsCreatedWhileLocusRestartsWaitAndLandOnTheirData() throws Exception {
        ObjectNode config = plane.schedulerConfig("http-nodenames.yaml");
        ((ObjectNode) config.withArray("extenders").get(0)).put("ignorable", false);
        plane.startScheduler(config);
        Cluster c = namespace("restart");
        Map<String, List<String>> replicas = volumes(c, PODS);

        plane.stopLocus();
        LiveLocus restarted = null;
        try (SlowLink slow = new SlowLink(URI.create(plane.apiUrl()).getPort(), SYNC_DELAY)) {
            Config kube = Config.fromKubeconfig(Files.readString(plane.kubeconfig()));
            kube.setMasterUrl("https://127.0.0.1:" + slow.port());
            // serving at once, syncing no sooner than SYNC_DELAY: pods arrive before its first sync
            restarted = LiveLocus.start(kube, LocusConfig.builder().host("127.0.0.1")
                    .port(plane.locusUrl().getPort()).build());
            for (int i = 0; i < PODS; i++) {
                c.pod("app-" + i, "100m", List.of("data-" + i), Map.of());
            }
            Map<String, String> bound = awaitAll(c);
            long onReplica = IntStream.range(0, PODS)
                    .filter(i -> replicas.get("data-" + i).contains(bound.get("app-" + i))).count();
            assertTrue(onReplica >= ON_REPLICA_AT_LEAST, () -> onReplica + " of " + PODS
                    + " pods on a replica node; placements " + bound + ", replicas " + replicas);
        } finally {
            if (restarted != null) {
                restarted.close();
            }
            plane.startLocus();
        }
    }

    private Map<String, String> awaitAll(Cluster c) {
        List<String> pods = IntStream.range(0, PODS).mapToObj(i -> "app-" + i).toList();
        return await("pods bound after the restart").atMost(BIND_AFTER_RESTART)
                .pollInterval(Duration.ofSeconds(1)).until(() -> boundNow(c, pods), m -> m.size() == PODS);
    }

    private Map<String, String> boundNow(Cluster c, List<String> pods) {
        Map<String, String> bound = new HashMap<>();
        plane.client().pods().inNamespace("restart").list().getItems().stream()
                .filter(p -> pods.contains(p.getMetadata().getName()) && p.getSpec().getNodeName() != null)
                .forEach(p -> bound.put(p.getMetadata().getName(), p.getSpec().getNodeName()));
        return bound;
    }

    @Test
    void anApiServerOutageIsAnsweredFromTheLastStateShownAsStaleAndRecoveredFrom() throws Exception {
        plane.useShippedScheduler("http-nodenames.yaml");
        Cluster c = namespace("outage");
        Map<String, List<String>> replicas = volumes(c, 1);
        await("every watch open").atMost(Duration.ofSeconds(30)).until(() -> watching().allMatch(w -> w == 1));
        ClusterSnapshot before = plane.locus().snapshot();

        plane.stopApiServer();
        try {
            await("watches seen lost").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> watching().allMatch(w -> w == 0));
            Thread.sleep(OUTAGE.toMillis()); // the outage itself, not a synchronisation
            assertEquals(before.generation(), plane.locus().snapshot().generation(), "the last synced state is kept");
            HttpResponse<String> filter = post("filter", request("outage", "data-0"));
            assertEquals(200, filter.statusCode(), filter.body());
            assertEquals(Set.copyOf(replicas.get("data-0")), topScored(post("prioritize", request("outage", "data-0"))),
                    "scores come from the last synced state");
            HttpResponse<String> explain = post("explain", request("outage", "data-0"));
            assertEquals(200, explain.statusCode(), explain.body());
            HttpResponse<String> ready = get("readyz");
            assertEquals(200, ready.statusCode(), "an outage does not take Locus out of the Service");
            assertTrue(ready.body().contains("stale"), ready.body());
            assertTrue(metric("locus_snapshot_age_seconds{kind=\"Node\"}") >= OUTAGE.toSeconds(), get("metrics").body());
        } finally {
            plane.startApiServer();
        }

        await("every watch open again").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                .until(() -> watching().allMatch(w -> w == 1) && metric("locus_snapshot_age_seconds{kind=\"Node\"}") == 0);
        assertEquals("ready\n", get("readyz").body());
        Map<String, List<String>> after = new HashMap<>();
        after.put("late", List.of(Cluster.nodeNames().get(7), Cluster.nodeNames().get(22)));
        c.volume("late", "10Gi", after.get("late"), Map.of());
        c.awaitClaimsBound(plane, List.of("data-0", "late"));
        c.pod("late-app", "100m", List.of("late"), Map.of());
        String node = c.awaitBound(List.of("late-app")).get("late-app");
        assertTrue(after.get("late").contains(node), "learnt after the outage without a restart: " + node);
    }

    private static byte[] request(String namespace, String claim) {
        return ("{\"Pod\":{\"metadata\":{\"name\":\"probe\",\"namespace\":\"" + namespace + "\"},\"spec\":{\"volumes\":"
                + "[{\"name\":\"v\",\"persistentVolumeClaim\":{\"claimName\":\"" + claim + "\"}}]}},\"NodeNames\":[\""
                + String.join("\",\"", Cluster.nodeNames()) + "\"]}").getBytes(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> post(String verb, byte[] body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(plane.locusUrl().resolve("/" + verb))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(plane.locusUrl().resolve("/" + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The nodes with the highest score in a prioritize reply. */
    private static Set<String> topScored(HttpResponse<String> reply) throws Exception {
        JsonNode list = new ObjectMapper().readTree(reply.body());
        int best = 0;
        for (JsonNode p : list) {
            best = Math.max(best, p.get("Score").asInt());
        }
        Set<String> top = new HashSet<>();
        for (JsonNode p : list) {
            if (p.get("Score").asInt() == best) {
                top.add(p.get("Host").asString());
            }
        }
        return top;
    }

    /** {@code locus_informer_watching} of every kind Locus watches. */
    private Stream<Double> watching() throws Exception {
        return Stream.of(get("metrics").body().split("\n")).filter(l -> l.startsWith("locus_informer_watching{"))
                .map(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)));
    }

    private double metric(String series) throws Exception {
        for (String line : get("metrics").body().split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        throw new AssertionError("no series " + series);
    }
}
