package dev.locus.cluster.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import tools.jackson.databind.ObjectMapper;
import dev.locus.Locus;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ManifestLoader;
import dev.locus.cluster.StaticClusterState;
import dev.locus.config.LocusConfig;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The cluster of the real kube-scheduler captures, served once from its manifests and once
 * through the API server (the fabric8 mock, CRUD mode): the same snapshot, the same answers.
 */
@EnableKubernetesMockClient(crud = true)
class FixtureEquivalenceTest {

    private static final Path FIXTURES = dev.locus.testing.Fixtures.ROOT;
    private static final ObjectMapper JSON = new ObjectMapper();

    KubernetesClient client;

    @Test
    void liveModeOverTheFixtureManifestsGivesTheManifestModeSnapshotAndAnswers() throws Exception {
        ClusterSnapshot manifest = ManifestLoader.load(FIXTURES.resolve("manifests"));
        for (Path file : files(FIXTURES.resolve("manifests"), ".yaml")) {
            try (InputStream in = Files.newInputStream(file)) {
                for (HasMetadata object : client.load(in).items()) {
                    if (!(object instanceof Pod)) {
                        client.resource(object).create();
                    }
                }
            }
        }
        try (LiveClusterState live = LiveClusterState.start(client)) {
            await().atMost(Duration.ofSeconds(30)).until(live::ready);
            ClusterSnapshot snapshot = live.current();
            assertFalse(manifest.volumes().isEmpty());
            assertEquals(Set.copyOf(manifest.nodes()), Set.copyOf(snapshot.nodes()));
            assertEquals(Set.copyOf(manifest.volumes()), Set.copyOf(snapshot.volumes()));
            assertEquals(Set.copyOf(manifest.claims()), Set.copyOf(snapshot.claims()));
            assertEquals(Set.copyOf(manifest.storageClasses()), Set.copyOf(snapshot.storageClasses()));
            sameAnswers(new StaticClusterState(manifest), live);
        }
    }

    /** Every captured request, POSTed to a Locus over each state, gets the same status and JSON. */
    private static void sameAnswers(StaticClusterState manifest, LiveClusterState live) throws Exception {
        LocusConfig config = LocusConfig.builder().host("127.0.0.1").port(0).build();
        try (Locus fromManifests = Locus.create(config, manifest); Locus fromLive = Locus.create(config, live)) {
            int manifestPort = fromManifests.start().toCompletionStage().toCompletableFuture().join();
            int livePort = fromLive.start().toCompletionStage().toCompletableFuture().join();
            List<Path> requests = files(FIXTURES.resolve("requests"), ".request.json");
            assertEquals(10, requests.size());
            for (Path request : requests) {
                String verb = request.getFileName().toString().contains("-filter-") ? "filter" : "prioritize";
                byte[] body = Files.readAllBytes(request);
                HttpResponse<String> expected = post(manifestPort, verb, body);
                HttpResponse<String> actual = post(livePort, verb, body);
                assertEquals(200, expected.statusCode(), request + ": " + expected.body());
                assertEquals(expected.statusCode(), actual.statusCode(), request.toString());
                assertEquals(JSON.readTree(expected.body()), JSON.readTree(actual.body()), request.toString());
            }
        }
    }

    private static HttpResponse<String> post(int port, String verb, byte[] body) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/" + verb))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Path> files(Path folder, String suffix) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(suffix)).sorted().toList();
        }
    }
}
