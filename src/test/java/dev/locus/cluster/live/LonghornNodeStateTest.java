package dev.locus.cluster.live;

import static dev.locus.cluster.live.TestObjects.LONGHORN_NAMESPACE;
import static dev.locus.cluster.live.TestObjects.LONGHORN_NODES;
import static dev.locus.cluster.live.TestObjects.longhornNode;
import static dev.locus.cluster.live.TestObjects.longhornNodeCrd;
import static dev.locus.cluster.live.TestObjects.node;
import static dev.locus.cluster.live.TestObjects.replicaCrd;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.cluster.KindStatus;
import dev.locus.cluster.LonghornNodeInfo;
import dev.locus.cluster.LonghornNodes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Longhorn's own node objects ({@code nodes.longhorn.io}, kind Node like the core kind) against the
 * mock API server in CRUD mode: each lands in its own record, never in the other's.
 */
@EnableKubernetesMockClient(crud = true)
class LonghornNodeStateTest {

    private static final Duration CONVERGE = Duration.ofSeconds(30);

    KubernetesMockServer server;
    KubernetesClient client;
    private LiveClusterState live;

    @AfterEach
    void stop() {
        if (live != null) {
            live.close();
        }
    }

    @Test
    void aCoreNodeAndALonghornNodeOfTheSameNameEachLandInTheirOwnRecord() {
        client.apiextensions().v1().customResourceDefinitions().resource(replicaCrd()).create();
        client.apiextensions().v1().customResourceDefinitions().resource(longhornNodeCrd()).create();
        client.resource(node("n1", "zone-a")).create();
        client.resource(node("n2", "zone-a")).create();
        longhornNodes().resource(longhornNode("n1", "False", "ManagerPodDown", "True")).create();
        live = LiveClusterState.start(client);
        await().atMost(CONVERGE).until(live::ready);

        assertEquals(2, live.current().nodes().size(), "the Longhorn object is not a Kubernetes Node");
        assertTrue(live.current().node("n1").ready(), "the core Node keeps its own Ready condition");
        assertEquals(new LonghornNodeInfo("n1", false, "ManagerPodDown", true, false), live.current().longhornNode("n1"));
        assertNull(live.current().longhornNode("n2"));
        assertTrue(live.kinds().stream().map(KindStatus::kind).toList().containsAll(List.of("Node", "nodes.longhorn.io")),
                "each kind has its own name in logs and metrics: " + live.kinds());

        longhornNodes().withName("n1").edit(n -> longhornNode("n1", "True", "", "False"));
        await().atMost(CONVERGE).until(() -> live.current().longhornNode("n1").disksDown());
        assertTrue(live.current().longhornNode("n1").ready());

        client.nodes().withName("n1").delete();
        await().atMost(CONVERGE).until(() -> live.current().node("n1") == null);
        assertNotNull(live.current().longhornNode("n1"), "deleting the core Node leaves Longhorn's record alone");
        longhornNodes().withName("n1").delete();
        await().atMost(CONVERGE).until(() -> live.current().longhornNode("n1") == null);
        assertNotNull(live.current().node("n2"));
    }

    @Test
    void theMirrorRoutesByApiVersionAndKindNotByKindAlone() {
        ClusterMirror mirror = new ClusterMirror();
        assertTrue(mirror.put(node("n1", "zone-a")));
        assertTrue(mirror.put(longhornNode("n1", "False", "KubernetesNodeNotReady")));
        GenericKubernetesResource otherGroup = longhornNode("n1", "True", "");
        otherGroup.setApiVersion("example.com/v1");
        assertFalse(mirror.put(otherGroup), "a Node of an unwatched group is no watched kind");
        var snapshot = mirror.rebuild(1).snapshot();
        assertEquals(1, snapshot.nodes().size());
        assertTrue(snapshot.node("n1").ready());
        assertFalse(snapshot.longhornNode("n1").ready());
    }

    static Stream<Arguments> objects() {
        return Stream.of(
                Arguments.of(Named.of("Ready, a ready disk", longhornNode("n", "True", "", "True")),
                        new LonghornNodeInfo("n", true, "", true, false)),
                Arguments.of(Named.of("not Ready", longhornNode("n", "False", "KubernetesNodeGone", "True")),
                        new LonghornNodeInfo("n", false, "KubernetesNodeGone", true, false)),
                Arguments.of(Named.of("one of two disks not ready", longhornNode("n", "True", "", "True", "False")),
                        new LonghornNodeInfo("n", true, "", true, false)),
                Arguments.of(Named.of("every disk not ready", longhornNode("n", "True", "", "False", "False")),
                        new LonghornNodeInfo("n", true, "", true, true)),
                Arguments.of(Named.of("no disks", longhornNode("n", "True", "")),
                        new LonghornNodeInfo("n", true, "", true, false)),
                Arguments.of(Named.of("no status yet", new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                                .withApiVersion("longhorn.io/v1beta2").withKind("Node").withNewMetadata()
                                .withNamespace(LONGHORN_NAMESPACE).withName("n").endMetadata().build()),
                        new LonghornNodeInfo("n", true, "", true, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("objects")
    void readsLonghornsConditions(GenericKubernetesResource object, LonghornNodeInfo expected) {
        assertTrue(dev.locus.cluster.ClusterObjects.is(object, dev.locus.cluster.KindKey.LONGHORN_NODE));
        assertEquals(expected, LonghornNodes.of(object));
    }

    @Test
    void aNodeWhoseSchedulableConditionIsFalseIsNotSchedulable() {
        GenericKubernetesResource n = longhornNode("n", "True", "", "True");
        @SuppressWarnings("unchecked")
        Map<String, Object> status = new java.util.HashMap<>((Map<String, Object>) n.getAdditionalProperties().get("status"));
        status.put("conditions", List.of(Map.of("type", "Ready", "status", "True"),
                Map.of("type", "Schedulable", "status", "False", "reason", "KubernetesNodeCordoned")));
        n.getAdditionalProperties().put("status", status);
        assertEquals(new LonghornNodeInfo("n", true, "", false, false), LonghornNodes.of(n));
    }

    /** v1beta1 objects (a manifest may hold one) keep conditions as a map by type: read alike. */
    @Test
    void conditionsByTypeAsOlderVersionsWriteThemAreRead() {
        GenericKubernetesResource n = longhornNode("n", "True", "", "True");
        @SuppressWarnings("unchecked")
        Map<String, Object> status = new java.util.HashMap<>((Map<String, Object>) n.getAdditionalProperties().get("status"));
        status.put("conditions", Map.of("Ready", Map.of("type", "Ready", "status", "False", "reason", "ManagerPodDown")));
        n.getAdditionalProperties().put("status", status);
        assertEquals(false, LonghornNodes.of(n).ready());
        assertEquals("ManagerPodDown", LonghornNodes.of(n).reason());
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> longhornNodes() {
        return client.genericKubernetesResources(LONGHORN_NODES).inNamespace(LONGHORN_NAMESPACE);
    }
}
