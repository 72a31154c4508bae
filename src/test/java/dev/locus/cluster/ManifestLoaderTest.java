package dev.locus.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManifestLoaderTest {

    @TempDir
    Path dir;

    @Test
    void loadsTheFixtureClusterFromListsAndMultiDocumentFiles() {
        ClusterSnapshot c = Fixtures.cluster();
        assertEquals(3, c.nodes().size());
        assertEquals("zone-b", c.node("node-2").labels().get(NodeSelector.ZONE));
        assertEquals(Set.of("pv-prebound", "pv-local-12", "pv-local-2"),
                Set.copyOf(c.volumes().stream().map(VolumeInfo::name).toList()));
        ClaimInfo prebound = c.claim(new ObjectKey("default", "data-prebound"));
        assertEquals("pv-prebound", prebound.volumeName());
        assertEquals(1L << 30, prebound.requestBytes());
        ClaimInfo wffc = c.claim(new ObjectKey("default", "data-wffc"));
        assertNull(wffc.volumeName());
        assertEquals(5L << 30, wffc.requestBytes());
        assertTrue(c.storageClass("harness-local").waitForFirstConsumer());
        VolumeInfo local2 = c.volume("pv-local-2");
        assertTrue(local2.nodeAffinity().matches("node-2", c.node("node-2").labels()));
        assertEquals(false, local2.nodeAffinity().matches("node-1", c.node("node-1").labels()));
        // Pods are in the fixture folder but are not cluster state Locus keeps
        assertEquals(3, c.claims().size());
    }

    @Test
    void readsStorageKindsAndLonghornReplicasAndSkipsOthers() throws IOException {
        Files.writeString(dir.resolve("a.yaml"), """
                apiVersion: storage.k8s.io/v1
                kind: CSINode
                metadata: {name: n1}
                spec: {drivers: [{name: driver.longhorn.io, nodeID: n1}]}
                ---
                apiVersion: storage.k8s.io/v1
                kind: CSIStorageCapacity
                metadata: {name: cap1, namespace: kube-system}
                storageClassName: fast
                capacity: 100Gi
                nodeTopology: {matchLabels: {topology.kubernetes.io/zone: z1}}
                ---
                apiVersion: longhorn.io/v1beta2
                kind: Replica
                metadata: {name: pvc-1-r-1, namespace: longhorn-system}
                spec: {volumeName: pvc-1, nodeID: n1, failedAt: ""}
                status: {currentState: running}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: ignored}
                ---
                """);
        ClusterSnapshot c = ManifestLoader.load(dir);
        assertEquals(Set.of("driver.longhorn.io"), c.csiDrivers("n1"));
        StorageCapacityInfo cap = c.capacities("fast").get(0);
        assertEquals(100L << 30, cap.capacityBytes());
        assertTrue(cap.nodeTopology().matches(java.util.Map.of(NodeSelector.ZONE, "z1")));
        assertEquals(List.of(new ReplicaInfo("longhorn-system/pvc-1-r-1", "pvc-1", "n1", true)), c.replicas("pvc-1"));
    }

    @Test
    void aLonghornNodeAndTheCoreNodeOfTheSameNameAreEachTheirOwnRecord() throws IOException {
        Files.writeString(dir.resolve("nodes.yaml"), """
                apiVersion: v1
                kind: Node
                metadata: {name: n1}
                status: {conditions: [{type: Ready, status: "True"}]}
                ---
                apiVersion: longhorn.io/v1beta2
                kind: Node
                metadata: {name: n1, namespace: longhorn-system}
                status:
                  conditions: [{type: Ready, status: "False", reason: ManagerPodDown}, {type: Schedulable, status: "True"}]
                  diskStatus: {disk-1: {conditions: [{type: Ready, status: "True"}]}}
                """);
        ClusterSnapshot c = ManifestLoader.load(dir);
        assertEquals(1, c.nodes().size());
        assertTrue(c.node("n1").ready());
        assertEquals(new LonghornNodeInfo("n1", false, "ManagerPodDown", true, false), c.longhornNode("n1"));
    }

    @Test
    void aKubectlListOfFiveThousandVolumesLoads() throws IOException {
        // one `kind: List` document of ~5 M characters: over SnakeYAML's default 3 M code points
        StringBuilder yaml = new StringBuilder("apiVersion: v1\nkind: List\nitems:\n");
        int volumes = 5000;
        for (int i = 0; i < volumes; i++) {
            yaml.append("""
                    - apiVersion: v1
                      kind: PersistentVolume
                      metadata:
                        name: pv-%1$05d
                        annotations: {locus.dev/replica-nodes: "node-%2$d,node-%3$d", note: "%4$s"}
                      spec:
                        capacity: {storage: 10Gi}
                        accessModes: [ReadWriteOnce]
                        csi: {driver: driver.longhorn.io, volumeHandle: pv-%1$05d}
                    """.formatted(i, i % 7, i % 11, "x".repeat(800)));
        }
        assertTrue(yaml.length() > 3 * 1024 * 1024, "the document must exceed SnakeYAML's default limit");
        Path file = dir.resolve("pvs.yaml");
        Files.writeString(file, yaml);
        ClusterSnapshot c = ManifestLoader.load(file);
        assertEquals(volumes, c.volumes().size());
        assertNotNull(c.volume("pv-04999"));
    }

    @Test
    void aMalformedFileIsAnErrorNamingIt() throws IOException {
        Path bad = dir.resolve("broken.yaml");
        Files.writeString(bad, "kind: Node\nmetadata: {name: [unclosed\n");
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestLoader.load(dir));
        assertTrue(e.getMessage().contains(bad.toString()), e.getMessage());
    }

    @Test
    void aDocumentWithoutKindIsAnErrorNamingTheFile() throws IOException {
        Path bad = dir.resolve("nokind.yaml");
        Files.writeString(bad, "metadata: {name: x}\n");
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestLoader.load(bad));
        assertTrue(e.getMessage().contains("nokind.yaml") && e.getMessage().contains("without 'kind'"), e.getMessage());
    }

    @Test
    void aMissingPathIsAnError() {
        assertThrows(ManifestException.class, () -> ManifestLoader.load(dir.resolve("nope")));
    }

    @Test
    void theDemoClusterIsBundled() {
        ClusterSnapshot demo = ManifestLoader.load("demo", ManifestLoaderTest.class.getResourceAsStream("/demo/cluster.yaml"));
        assertEquals(12, demo.nodes().size());
        assertEquals(3, demo.nodes().stream().map(n -> n.labels().get(NodeSelector.ZONE)).distinct().count());
        assertNotNull(demo.claim(new ObjectKey("demo", "pg-data")));
    }
}
