package dev.locus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.cluster.ManifestLoader;
import dev.locus.testing.Fixtures;
import dev.locus.testing.HttpExtenderClient;
import dev.locus.testing.HttpExtenderClient.FilterOutcome;
import dev.locus.testing.RunningLocus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The captured requests, byte for byte, against the fixture cluster with one object changed
 * so that locality decides: the answers must follow the data.
 */
class FixtureLocalityTest {

    @TempDir
    Path cluster;

    /** The fixture manifests plus an override file read last (a later object replaces an earlier one). */
    private RunningLocus locusWith(String override) throws IOException {
        try (Stream<Path> files = Files.list(Fixtures.MANIFESTS)) {
            for (Path f : files.toList()) {
                Files.copy(f, cluster.resolve(f.getFileName()));
            }
        }
        Files.writeString(cluster.resolve("zz-override.yaml"), override);
        return new RunningLocus(ManifestLoader.load(cluster));
    }

    private static final String PREBOUND_PINNED_TO_NODE_2 = """
            apiVersion: v1
            kind: PersistentVolume
            metadata: {name: pv-prebound}
            spec:
              capacity: {storage: 1Gi}
              accessModes: [ReadWriteOnce]
              storageClassName: ""
              local: {path: /mnt/disks/prebound}
              claimRef: {namespace: default, name: data-prebound}
              nodeAffinity:
                required:
                  nodeSelectorTerms:
                  - matchExpressions:
                    - {key: kubernetes.io/hostname, operator: In, values: [node-2]}
            """;

    @ParameterizedTest
    @ValueSource(strings = {"node-cache-capable-true/0001", "node-cache-capable-false/0001"})
    void aPinnedVolumeRulesOutOtherNodesAsUnresolvable(String capture) throws IOException {
        try (RunningLocus locus = locusWith(PREBOUND_PINNED_TO_NODE_2)) {
            byte[] body = Fixtures.bytes(Fixtures.request(capture));
            FilterOutcome outcome = locus.client().filter(body, HttpExtenderClient.offered(body),
                    HttpExtenderClient.nodeCacheCapable(body));
            assertEquals(List.of("node-2"), outcome.passing());
            assertEquals(java.util.Set.of("node-1", "node-3"), outcome.unresolvable().keySet());
            assertTrue(outcome.unresolvable().get("node-1").contains("pv-prebound"), outcome.unresolvable().toString());
            assertTrue(outcome.failed().isEmpty());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"node-cache-capable-true/0002", "node-cache-capable-false/0002"})
    void replicaNodesWinPrioritizeWithWeightTimesTen(String capture) throws IOException {
        String replicasOnNode3 = """
                apiVersion: v1
                kind: PersistentVolume
                metadata:
                  name: pv-prebound
                  annotations: {locus.dev/replica-nodes: node-3}
                spec:
                  capacity: {storage: 1Gi}
                  accessModes: [ReadWriteOnce]
                  hostPath: {path: /mnt/disks/prebound}
                  claimRef: {namespace: default, name: data-prebound}
                """;
        try (RunningLocus locus = locusWith(replicasOnNode3)) {
            byte[] body = Fixtures.bytes(Fixtures.request(capture));
            Map<String, Long> points = locus.client().prioritize(body, HttpExtenderClient.offered(body));
            // weight 5 × score 10 × (100 / 10): the replica node gains 500 points; the others,
            // in other zones of no common region, gain nothing.
            assertEquals(Map.of("node-1", 0L, "node-2", 0L, "node-3", 500L), points);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"node-cache-capable-true/0004", "node-cache-capable-false/0004"})
    void equallyLocalNodesScoreEqually(String capture) throws IOException {
        String wffcBound = """
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: data-wffc, namespace: default}
                spec:
                  accessModes: [ReadWriteOnce]
                  storageClassName: harness-local
                  volumeName: pv-local-12
                  resources: {requests: {storage: 5Gi}}
                """;
        try (RunningLocus locus = locusWith(wffcBound)) {
            byte[] body = Fixtures.bytes(Fixtures.request(capture));
            Map<String, Long> points = locus.client().prioritize(body, HttpExtenderClient.offered(body));
            assertEquals(Map.of("node-1", 500L, "node-2", 500L), points);
        }
    }
}
