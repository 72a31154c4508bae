package dev.locus.cluster.live;

import static dev.locus.cluster.live.TestObjects.LONGHORN_NAMESPACE;
import static dev.locus.cluster.live.TestObjects.REPLICAS;
import static dev.locus.cluster.live.TestObjects.claim;
import static dev.locus.cluster.live.TestObjects.localVolume;
import static dev.locus.cluster.live.TestObjects.longhornVolume;
import static dev.locus.cluster.live.TestObjects.node;
import static dev.locus.cluster.live.TestObjects.replica;
import static dev.locus.cluster.live.TestObjects.replicaCrd;
import static dev.locus.cluster.live.TestObjects.storageClass;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.KindStatus;
import dev.locus.cluster.NodeInfo;
import dev.locus.cluster.NodeSelector;
import dev.locus.cluster.ObjectKey;
import dev.locus.locality.CaffeineVolumeLocalityIndex;
import dev.locus.locality.HostnameIndex;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.storage.CSIDriverBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Live mode against the fabric8 mock API server in CRUD mode: what the cluster does, the snapshot follows. */
@EnableKubernetesMockClient(crud = true)
class LiveClusterStateTest {

    private static final Duration CONVERGE = Duration.ofSeconds(30);

    KubernetesMockServer server;
    KubernetesClient client;
    private LiveClusterState live;
    private final CaffeineVolumeLocalityIndex index =
            new CaffeineVolumeLocalityIndex(CaffeineVolumeLocalityIndex.defaultSources(), 1000);

    @AfterEach
    void stop() {
        if (live != null) {
            live.close();
        }
    }

    private void startLive() {
        live = LiveClusterState.start(client);
        live.addListener(index::onChange);
        await().atMost(CONVERGE).until(live::ready);
    }

    /** The names of the nodes holding {@code volume}'s data, hostname values read as placement reads them. */
    private Set<String> replicaNodes(String volume) {
        ClusterSnapshot snapshot = live.current();
        return HostnameIndex.of(snapshot).byName(index.placement(snapshot.volume(volume), snapshot)).replicaNodes();
    }

    @Test
    void createdUpdatedAndDeletedObjectsConvergeInTheSnapshotAndIndex() {
        client.resource(node("n1", "zone-a")).create();
        startLive();
        assertNotNull(live.current().node("n1"), "objects present before start are in the first snapshot");

        client.resource(storageClass("longhorn")).create();
        client.resource(localVolume("pv-1", "n1")).create();
        client.resource(claim("apps", "data", "pv-1")).create();
        await().atMost(CONVERGE).until(() -> live.current().claim(new ObjectKey("apps", "data")) != null
                && live.current().volume("pv-1") != null && live.current().storageClass("longhorn") != null);
        assertEquals(Set.of("n1"), replicaNodes("pv-1"));

        client.persistentVolumes().withName("pv-1").edit(pv -> {
            pv.getMetadata().setAnnotations(Map.of("locus.dev/replica-nodes", "n2"));
            return pv;
        });
        await().atMost(CONVERGE).until(() -> replicaNodes("pv-1").equals(Set.of("n1", "n2")));

        long hits = index.cache().stats().hitCount();
        client.nodes().withName("n1").edit(n -> {
            n.getMetadata().getLabels().put("topology.kubernetes.io/zone", "zone-b");
            return n;
        });
        await().atMost(CONVERGE).until(() -> "zone-b".equals(live.current().node("n1").labels()
                .get("topology.kubernetes.io/zone")));
        assertEquals(Set.of("n1", "n2"), replicaNodes("pv-1"));
        assertEquals(hits + 1, index.cache().stats().hitCount(), "a node label change keeps the volume's entry");

        client.persistentVolumeClaims().inNamespace("apps").withName("data").delete();
        client.persistentVolumes().withName("pv-1").delete();
        await().atMost(CONVERGE).until(() -> live.current().claim(new ObjectKey("apps", "data")) == null
                && live.current().volume("pv-1") == null);
        assertNull(index.cache().getIfPresent("pv-1"), "a deleted PV's entry is invalidated");
    }

    /**
     * A local PV's hostname affinity names the node carrying that hostname label, even when
     * another node is named so; relabelling the nodes moves the data's node with no PV change.
     */
    @Test
    void aHostnameValueIsTheLabelledNodeNotTheNodeOfThatName() {
        client.resource(labelled(node("a", "zone-a"), "b")).create();
        client.resource(labelled(node("b", "zone-a"), "b-old")).create();
        client.resource(localVolume("pv-1", "b")).create();
        startLive();
        assertEquals(Set.of("a"), replicaNodes("pv-1"));

        client.nodes().withName("a").edit(n -> labelled(n, "a"));
        client.nodes().withName("b").edit(n -> labelled(n, "b"));
        await().atMost(CONVERGE).until(() -> replicaNodes("pv-1").equals(Set.of("b")));
    }

    private static Node labelled(Node node, String hostname) {
        node.getMetadata().getLabels().put(NodeSelector.HOSTNAME, hostname);
        return node;
    }

    @Test
    void aClusterWithoutLonghornIsReadyAndWatchesNoReplicas() {
        client.resource(node("n1", "zone-a")).create();
        client.resource(new CSIDriverBuilder().withNewMetadata().withName("topolvm.io").endMetadata()
                .withNewSpec().withStorageCapacity(true).endSpec().build()).create();
        client.resource(new CSIDriverBuilder().withNewMetadata().withName("quiet.csi").endMetadata()
                .withNewSpec().endSpec().build()).create();
        startLive();
        assertEquals(Set.of("Node", "PersistentVolume", "PersistentVolumeClaim", "StorageClass", "CSINode",
                "CSIStorageCapacity", "CSIDriver"), Set.copyOf(live.kinds().stream().map(KindStatus::kind).toList()));
        assertTrue(live.kinds().stream().allMatch(KindStatus::synced));
        assertTrue(live.current().publishesCapacity("topolvm.io"), "CSIDriver spec.storageCapacity is watched");
        assertFalse(live.current().publishesCapacity("quiet.csi"));
    }

    @Test
    void aReplicaThatFailsIsReplacedAndOnlyHealthyReplicasCount() {
        client.apiextensions().v1().customResourceDefinitions().resource(replicaCrd()).create();
        client.resource(longhornVolume("pv-lh", "vol-a")).create();
        create(replica("r1", "vol-a", "n1", "running", ""));
        create(replica("r2", "vol-a", "n2", "running", ""));
        startLive();
        assertTrue(live.kinds().stream().anyMatch(k -> k.kind().equals("Replica")), "Longhorn discovered");
        assertEquals(Set.of("n1", "n2"), replicaNodes("pv-lh"));

        replicas().withName("r1").edit(r -> {
            spec(r).put("failedAt", "2025-01-01T00:00:00Z");
            return r;
        });
        await().atMost(CONVERGE).until(() -> replicaNodes("pv-lh").equals(Set.of("n2")));

        create(replica("r3", "vol-a", "n3", "starting", ""));
        await().atMost(CONVERGE).until(() -> live.current().replicas("vol-a").size() == 3);
        assertEquals(Set.of("n2"), replicaNodes("pv-lh"), "a replica that is not running yet does not count");

        replicas().withName("r3").edit(r -> {
            r.getAdditionalProperties().put("status", Map.of("currentState", "running"));
            return r;
        });
        replicas().withName("r1").delete();
        await().atMost(CONVERGE).until(() -> live.current().replicas("vol-a").size() == 2
                && replicaNodes("pv-lh").equals(Set.of("n2", "n3")));
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<GenericKubernetesResource,
            io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
            io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>> replicas() {
        return client.genericKubernetesResources(REPLICAS).inNamespace(LONGHORN_NAMESPACE);
    }

    private void create(GenericKubernetesResource replica) {
        replicas().resource(replica).create();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource r) {
        return (Map<String, Object>) r.getAdditionalProperties().get("spec");
    }

    @Test
    void statusOnlyUpdatesChangeNoRecord() {
        client.resource(node("n1", "zone-a")).create();
        startLive();
        NodeInfo before = live.current().node("n1");
        client.nodes().withName("n1").edit(n -> {
            n.getStatus().getConditions().get(0).setLastHeartbeatTime("2025-01-01T00:00:00Z");
            return n;
        });
        client.resource(node("n2", "zone-a")).create();
        await().atMost(CONVERGE).until(() -> live.current().node("n2") != null);
        assertSame(before, live.current().node("n1"), "the heartbeat (seen before n2 on the same watch) changed nothing");
    }
}
