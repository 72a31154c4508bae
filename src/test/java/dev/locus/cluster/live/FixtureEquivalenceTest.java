package dev.locus.cluster.live;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.config.LocusConfig;
import dev.locus.locality.ReplicaAnnotationLocality;
import dev.locus.testing.FixtureAnswers;
import dev.locus.testing.Fixtures;
import dev.locus.testing.RunningLocus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster of the real kube-scheduler captures (with {@link FixtureAnswers}'s locality
 * overlay) served through the API server (the fabric8 mock, CRUD mode) instead of from
 * manifests: live mode converts what the API server returns, and every capture must get the
 * answer stated in {@link FixtureAnswers}, not merely the answer manifest mode gives; and its
 * snapshot holds the same nodes, volumes, claims and classes as manifest mode's.
 */
@EnableKubernetesMockClient(crud = true)
class FixtureEquivalenceTest {

    KubernetesClient client;
    @TempDir
    Path dir;

    @Test
    void liveModeOverTheFixtureClusterAnswersEveryCaptureAsStated() throws Exception {
        Map<String, HasMetadata> objects = new LinkedHashMap<>();
        for (Path file : FixtureAnswers.manifestFiles()) {
            try (InputStream in = Files.newInputStream(file)) {
                for (HasMetadata object : client.load(in).items()) {
                    if (!(object instanceof Pod)) {
                        objects.put(object.getKind() + "/" + object.getMetadata().getNamespace() + "/"
                                + object.getMetadata().getName(), object); // the overlay's replace the fixture's
                    }
                }
            }
        }
        objects.values().forEach(o -> client.resource(o).create());
        try (LiveClusterState live = LiveClusterState.start(client);
             RunningLocus locus = new RunningLocus(LocusConfig.builder(), live)) {
            await().atMost(Duration.ofSeconds(30)).until(live::ready);
            assertEquals(Map.of(ReplicaAnnotationLocality.ANNOTATION, "node-2"),
                    live.current().volume("pv-prebound").annotations());
            ClusterSnapshot manifest = FixtureAnswers.cluster(dir); // the same objects, converted the manifest way
            ClusterSnapshot snapshot = live.current();
            assertEquals(Set.copyOf(manifest.nodes()), Set.copyOf(snapshot.nodes()));
            assertEquals(Set.copyOf(manifest.volumes()), Set.copyOf(snapshot.volumes()));
            assertEquals(Set.copyOf(manifest.claims()), Set.copyOf(snapshot.claims()));
            assertEquals(Set.copyOf(manifest.storageClasses()), Set.copyOf(snapshot.storageClasses()));
            List<Path> requests = Fixtures.requests();
            assertEquals(10, requests.size());
            for (Path request : requests) {
                FixtureAnswers.check(request, locus.client());
            }
        }
    }
}
