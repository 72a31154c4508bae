package dev.locus.cluster.live;

import static dev.locus.cluster.live.TestObjects.LONGHORN_NAMESPACE;
import static dev.locus.cluster.live.TestObjects.LONGHORN_NODES;
import static dev.locus.cluster.live.TestObjects.REPLICAS;
import static dev.locus.cluster.live.TestObjects.claim;
import static dev.locus.cluster.live.TestObjects.longhornNode;
import static dev.locus.cluster.live.TestObjects.longhornNodeCrd;
import static dev.locus.cluster.live.TestObjects.longhornVolume;
import static dev.locus.cluster.live.TestObjects.node;
import static dev.locus.cluster.live.TestObjects.replica;
import static dev.locus.cluster.live.TestObjects.replicaCrd;
import static dev.locus.cluster.live.TestObjects.storageClass;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locus.api.ExtenderArgs;
import dev.locus.api.PodInfo;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ManifestLoader;
import dev.locus.placement.CycleState;
import dev.locus.placement.PlacementEngine;
import dev.locus.placement.Reasons;
import dev.locus.testing.TestCluster;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Live mode (informers on the mock API server in CRUD mode) and manifest mode give a Longhorn
 * volume the same answers when Longhorn's own node object reports a replica's node not Ready.
 */
@EnableKubernetesMockClient(crud = true)
class LonghornNodePlacementLiveTest {

    private static final Duration CONVERGE = Duration.ofSeconds(30);
    private static final PodInfo POD = new PodInfo("default", "pod", Map.of(), List.of("data-pv-1"));
    private static final String[] NODES = {"n1", "n2", "n3"};

    KubernetesMockServer server;
    KubernetesClient client;
    private LiveClusterState live;

    @AfterEach
    void stop() {
        if (live != null) {
            live.close();
        }
    }

    /** n1, n2 in zone-a, n3 in zone-b; volume vol-1 with running replicas on n1 and n2. */
    private List<HasMetadata> objects(String n1Ready, String n1Reason) {
        return List.of(node("n1", "zone-a"), node("n2", "zone-a"), node("n3", "zone-b"), storageClass("longhorn"),
                longhornVolume("pv-1", "vol-1"), claim("default", "data-pv-1", "pv-1"),
                replica("r1", "vol-1", "n1", "running", ""), replica("r2", "vol-1", "n2", "running", ""),
                longhornNode("n1", n1Ready, n1Reason, "True"), longhornNode("n2", "True", "", "True"));
    }

    @Test
    void aReplicaNodeLonghornReportsNotReadyIsRuledOutAndNoLongerAttractsInBothModes() {
        client.apiextensions().v1().customResourceDefinitions().resource(replicaCrd()).create();
        client.apiextensions().v1().customResourceDefinitions().resource(longhornNodeCrd()).create();
        objects("True", "").forEach(o -> client.resource(o).create());
        live = LiveClusterState.start(client);
        PlacementEngine engine = TestCluster.engine();
        await().atMost(CONVERGE).until(() -> live.ready() && live.current().replicas("vol-1").size() == 2
                && live.current().longhornNode("n2") != null);
        assertArrayEquals(new int[] {10, 10, 0}, scores(engine, live.current()));

        client.genericKubernetesResources(LONGHORN_NODES).inNamespace(LONGHORN_NAMESPACE).withName("n1")
                .edit(n -> longhornNode("n1", "False", "ManagerPodDown", "True"));
        await().atMost(CONVERGE).until(() -> !live.current().longhornNode("n1").ready());

        ClusterSnapshot manifests = manifests(objects("False", "ManagerPodDown"));
        for (ClusterSnapshot snapshot : List.of(live.current(), manifests)) {
            assertArrayEquals(new int[] {4, 10, 0}, scores(engine, snapshot), "n1 is only in n2's zone now");
            CycleState state = engine.prepare(POD, snapshot);
            assertEquals(Map.of("n1", String.format(Reasons.LONGHORN_NODE_NOT_READY,
                    "volume pv-1 (claim default/data-pv-1)", "ManagerPodDown")),
                    engine.filter(state, args()).unresolvable());
        }
        assertEquals(2, client.genericKubernetesResources(REPLICAS).inNamespace(LONGHORN_NAMESPACE).list()
                .getItems().size(), "the replicas themselves are not failed yet");
    }

    private static int[] scores(PlacementEngine engine, ClusterSnapshot snapshot) {
        return engine.scores(engine.prepare(POD, snapshot), args());
    }

    private static ExtenderArgs args() {
        return TestCluster.names(POD, NODES);
    }

    private static ClusterSnapshot manifests(List<HasMetadata> objects) {
        String yaml = objects.stream().map(Serialization::asYaml).collect(Collectors.joining("\n"));
        return ManifestLoader.load("objects.yaml", new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)));
    }
}
