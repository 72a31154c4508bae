package dev.locus.load;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ManifestLoader;
import dev.locus.cluster.ObjectKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyntheticClusterTest {

    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Every byte the generator produces for a spec: its manifests, then every request body of both modes. */
    private byte[] everything(ClusterSpec spec, Path into) throws IOException {
        SyntheticCluster cluster = SyntheticCluster.generate(spec);
        ManifestWriter.write(cluster, into);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var files = Files.list(into)) {
            for (Path file : files.sorted().toList()) {
                out.writeBytes(file.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                out.writeBytes(Files.readAllBytes(file));
            }
        }
        for (NodeMode mode : NodeMode.values()) {
            ExtenderRequests requests = ExtenderRequests.build(cluster, mode);
            for (int pod = 0; pod < requests.pods(); pod++) {
                out.writeBytes(requests.filter(pod).bytes());
            }
        }
        return out.toByteArray();
    }

    @Test
    void sameSeedGivesByteIdenticalManifestsAndRequests() throws IOException {
        ClusterSpec spec = ClusterSpec.defaults(60);
        byte[] first = everything(spec, dir.resolve("a"));
        byte[] second = everything(spec, dir.resolve("b"));
        assertTrue(first.length > 60 * 3000, "60 full nodes in Nodes mode alone weigh > 180 KB");
        assertArrayEquals(first, second);
    }

    @Test
    void anotherSeedGivesAnotherCluster() throws IOException {
        ClusterSpec spec = ClusterSpec.defaults(60);
        ClusterSpec other = ClusterSpec.forNodes(60, 3, 20, 2, 3, 2, 200, 0.1, 43);
        assertFalse(java.util.Arrays.equals(everything(spec, dir.resolve("a")), everything(other, dir.resolve("b"))));
        assertFalse(Files.readString(dir.resolve("a").resolve("20-volumes-000.yaml"))
                .equals(Files.readString(dir.resolve("b").resolve("20-volumes-000.yaml"))), "replica placement differs");
    }

    @Test
    void largeClustersAreSplitIntoFilesLocusCanRead() throws IOException {
        ClusterSpec spec = ClusterSpec.forNodes(2500, 3, 20, 2, 3, 2, 200, 0.1, 3);
        ManifestWriter.write(SyntheticCluster.generate(spec), dir);
        try (var files = Files.list(dir)) {
            List<Path> all = files.toList();
            assertEquals(1 + 3 + 10, all.size(), "1 StorageClass file, 2,500 nodes, 10,000 PVs and PVCs");
            for (Path file : all) {
                assertTrue(Files.size(file) < 3_000_000 / 2, file + " stays well under the 3 M code point limit");
            }
        }
        ClusterSnapshot snapshot = ManifestLoader.load(dir);
        assertEquals(2500, snapshot.nodes().size());
        assertEquals(5000, snapshot.volumes().size());
    }

    @Test
    void manifestsLoadIntoLocusWithTheRightCounts() throws IOException {
        ClusterSpec spec = ClusterSpec.forNodes(90, 3, 10, 2, 3, 2, 50, 0.2, 7);
        SyntheticCluster cluster = SyntheticCluster.generate(spec);
        ManifestWriter.write(cluster, dir);

        ClusterSnapshot snapshot = ManifestLoader.load(dir);

        assertEquals(90, snapshot.nodes().size());
        assertEquals(180, snapshot.volumes().size());
        assertEquals(180, snapshot.claims().size());
        assertEquals(2, snapshot.storageClasses().size());
        SyntheticCluster.Node node = cluster.nodes().get(17);
        Map<String, String> labels = snapshot.node(node.name()).labels();
        assertEquals(node.zone(), labels.get("topology.kubernetes.io/zone"));
        assertEquals(node.rack(), labels.get("topology.locus.dev/rack"));
        assertEquals(SyntheticCluster.REGION, labels.get("topology.kubernetes.io/region"));
        for (SyntheticCluster.Pod pod : cluster.pods()) {
            for (String claim : pod.claims()) {
                assertNotNull(snapshot.claim(new ObjectKey(SyntheticCluster.NAMESPACE, claim)), claim);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 7, 300})
    void replicasAreDistinctExistingNodesSpreadOverZones(int nodes) {
        ClusterSpec spec = ClusterSpec.forNodes(nodes, 3, 20, 2, 3, 2, 200, 0.1, 11);
        SyntheticCluster cluster = SyntheticCluster.generate(spec);
        Map<String, String> zoneOf = cluster.nodes().stream()
                .collect(Collectors.toMap(SyntheticCluster.Node::name, SyntheticCluster.Node::zone));
        for (SyntheticCluster.Volume volume : cluster.volumes()) {
            assertEquals(volume.local() ? 1 : spec.replicas(), volume.nodes().size(), volume.name());
            assertEquals(volume.nodes().size(), new HashSet<>(volume.nodes()).size(), "distinct: " + volume);
            assertTrue(zoneOf.keySet().containsAll(volume.nodes()), volume.name());
            Set<String> zones = volume.nodes().stream().map(zoneOf::get).collect(Collectors.toSet());
            assertEquals(Math.min(volume.nodes().size(), spec.zones()), zones.size(), "zones of " + volume);
        }
    }

    @Test
    void requestsAreShapedLikeKubeScheduler() throws IOException {
        SyntheticCluster cluster = SyntheticCluster.generate(ClusterSpec.defaults(40));
        JsonNode names = JSON.readTree(ExtenderRequests.build(cluster, NodeMode.NAMES).filter(3).bytes());
        JsonNode nodes = JSON.readTree(ExtenderRequests.build(cluster, NodeMode.NODES).filter(3).bytes());

        assertEquals(List.of("Pod", "Nodes", "NodeNames"), fieldNames(names));
        assertEquals(List.of("Pod", "Nodes", "NodeNames"), fieldNames(nodes));
        assertTrue(names.get("Nodes").isNull());
        assertTrue(nodes.get("NodeNames").isNull());
        assertEquals(40, names.get("NodeNames").size());
        assertEquals(40, nodes.get("Nodes").get("items").size());
        JsonNode node = nodes.get("Nodes").get("items").get(0);
        int bytes = JSON.writeValueAsBytes(node).length;
        assertTrue(bytes > 3000 && bytes < 20_000, "a realistic Node weighs 3–20 KB, got " + bytes);
        assertEquals(names.get("NodeNames").get(0).asText(), node.at("/metadata/name").asText());
        JsonNode pod = names.get("Pod");
        assertEquals(cluster.pods().get(3).claims().get(0), pod.at("/spec/volumes/0/persistentVolumeClaim/claimName").asText());
    }

    @Test
    void prioritizeCarriesOnlyThePassingNodesInOfferOrder() throws IOException {
        SyntheticCluster cluster = SyntheticCluster.generate(ClusterSpec.defaults(30));
        ExtenderRequests requests = ExtenderRequests.build(cluster, NodeMode.NODES);
        List<String> offered = requests.offered();
        List<String> passing = List.of(offered.get(9), offered.get(2));

        JsonNode body = JSON.readTree(requests.prioritize(0, passing).bytes());

        assertEquals(offered.get(2), body.at("/Nodes/items/0/metadata/name").asText());
        assertEquals(offered.get(9), body.at("/Nodes/items/1/metadata/name").asText());
        assertEquals(2, body.at("/Nodes/items").size());
        assertArrayEquals(requests.filter(0).bytes(), requests.prioritize(0, offered).bytes());
        assertThrows(IllegalArgumentException.class, () -> requests.prioritize(0, List.of("no-such-node")));
    }

    @Test
    void specRejectsBadValuesNamingTheFlag() {
        var e = assertThrows(IllegalArgumentException.class, () -> ClusterSpec.defaults(0));
        assertTrue(e.getMessage().startsWith("--nodes"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new ClusterSpec(10, 3, 5, 1, 3, 2, 5, 0.1, 1));
        assertTrue(e.getMessage().startsWith("--volumes"), e.getMessage());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
