package dev.locus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locus.cluster.ManifestLoader;
import dev.locus.testing.HttpExtenderClient;
import dev.locus.testing.RunningLocus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled demo cluster answers the README's example requests (docs/examples) as documented. */
class DemoClusterTest {

    private static RunningLocus locus;

    @BeforeAll
    static void start() {
        locus = new RunningLocus(ManifestLoader.load("demo", DemoClusterTest.class.getResourceAsStream("/demo/cluster.yaml")));
    }

    @AfterAll
    static void stop() {
        locus.close();
    }

    private static byte[] example(String name) throws IOException {
        return Files.readAllBytes(Path.of("docs", "examples", name));
    }

    @Test
    void filterKeepsOnlyTheNodeHoldingALocalVolume() throws IOException {
        byte[] body = example("filter-nodenames.json");
        var outcome = locus.client().filter(body, HttpExtenderClient.offered(body), true);
        assertEquals(List.of("node-c4"), outcome.passing());
        assertEquals(Set.of("node-a1", "node-b2", "node-c3"), outcome.unresolvable().keySet());
    }

    @Test
    void prioritizeRanksBySizeWeightedProximity() throws IOException {
        byte[] body = example("prioritize-nodenames.json");
        Map<String, Long> points = locus.client().prioritize(body, HttpExtenderClient.offered(body));
        // pg-data (200Gi) on a1, b2, c3 and pg-wal (20Gi) on a1, b2: a1 and b2 hold both.
        assertEquals(500L, points.get("node-a1"));
        assertEquals(500L, points.get("node-b2"));
        // c3 holds pg-data only; wal's replicas are in other zones of the region: (200*10 + 20*2) / 220 = 9.27 -> 9
        assertEquals(450L, points.get("node-c3"));
        // a2 shares a rack with a1, b1 with b2: 7 for both volumes
        assertEquals(350L, points.get("node-a2"));
        assertEquals(350L, points.get("node-b1"));
        // a3 is in a replica's zone (another rack) for both: 4;
        // c1 is in pg-data's zone (4) but only wal's region (2): (200*4 + 20*2) / 220 = 3.8 -> 4
        assertEquals(200L, points.get("node-a3"));
        assertEquals(200L, points.get("node-c1"));
    }

    @Test
    void aPodWithoutClaimsPassesEverywhereWithEqualScores() {
        byte[] body = "{\"Pod\":{\"metadata\":{\"name\":\"web\",\"namespace\":\"demo\"}},\"Nodes\":null,\"NodeNames\":[\"node-a1\",\"node-b1\"]}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(List.of("node-a1", "node-b1"), locus.client().filter(body, List.of("node-a1", "node-b1"), true).passing());
        assertEquals(Map.of("node-a1", 0L, "node-b1", 0L), locus.client().prioritize(body, List.of("node-a1", "node-b1")));
    }

    @Test
    void aClaimNotYetInTheClusterIsNeutral() {
        byte[] body = ("{\"Pod\":{\"metadata\":{\"name\":\"new\",\"namespace\":\"demo\"},\"spec\":{\"volumes\":"
                + "[{\"name\":\"d\",\"persistentVolumeClaim\":{\"claimName\":\"created-a-moment-ago\"}}]}},"
                + "\"NodeNames\":[\"node-a1\",\"node-b1\"]}").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        double unknownBefore = locus.registry().get("locus.unknown.locality").counter().count();
        assertEquals(2, locus.client().filter(body, List.of("node-a1", "node-b1"), true).passing().size());
        // locality unknown: no node is closer than another (all at the top, so only a degraded node would lose)
        assertEquals(Map.of("node-a1", 500L, "node-b1", 500L), locus.client().prioritize(body, List.of("node-a1", "node-b1")));
        assertEquals(unknownBefore + 2, locus.registry().get("locus.unknown.locality").counter().count(),
                "the filter and the prioritize call each counted the unknown claim");
    }
}
