package dev.locus.http;

import static dev.locus.testing.TestCluster.GIB;
import static dev.locus.testing.TestCluster.in;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.api.FilterResult;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeSelector;
import dev.locus.config.LocusConfig;
import dev.locus.placement.PlacementEngine;
import dev.locus.placement.PolicyResolver;
import dev.locus.placement.Reasons;
import dev.locus.placement.StorageState;
import dev.locus.testing.HttpExtenderClient;
import dev.locus.testing.RunningLocus;
import dev.locus.testing.TestCluster;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Past the request deadline the filter still applies every safety rule: each filter below
 * rejects the same node with the same reason as the full chain does. Only {@code strict}
 * replica locality is skipped. Placement is held on a gate for the whole class, so every
 * request here is answered by the fallback, whatever the machine's load.
 */
class DegradedFilterTest {

    /** Short enough to keep the class quick; nothing here has to finish within it. */
    private static final int BUDGET_MILLIS = 500;
    private static final List<String> NODES = List.of("ok", "down", "nodriver", "small", "elsewhere");

    private static final TestCluster BUILDER = cluster();
    private static final ClusterSnapshot SNAPSHOT = BUILDER.snapshot();
    private static final RequestDeadlineTest.GatedClusterState GATED = new RequestDeadlineTest.GatedClusterState(SNAPSHOT);
    private static RunningLocus locus;

    private static TestCluster cluster() {
        TestCluster c = new TestCluster();
        for (String node : NODES) {
            c.node(node, "r", "z", "rack", node.equals("down") ? Map.of(StorageState.ANNOTATION, "down") : Map.of());
            c.csiNode(node, node.equals("nodriver") ? "other.driver" : "driver.test");
            c.capacity("cap-" + node, "wffc", Map.of(NodeSelector.HOSTNAME, node), node.equals("small") ? 10 * GIB : 100 * GIB, -1);
        }
        c.pinnedVolume("pinned", GIB, "driver.test", in(NodeSelector.HOSTNAME, "ok", "down", "nodriver", "small"));
        c.pinnedVolume("zonal", GIB, "driver.test", in(NodeSelector.ZONE, "nowhere"));
        c.volume("csi", GIB);
        c.storageClass("wffc", "driver.test", "WaitForFirstConsumer", Map.of());
        c.csiDriver("driver.test", true);
        c.unboundClaim("wffc", 60 * GIB, "wffc");
        c.storageClass("strict", "other.driver", "Immediate", Map.of(PolicyResolver.ANNOTATION, "strict"));
        c.volume("strict", GIB, "strict", Map.of(), "ok");
        return c;
    }

    @BeforeAll
    static void start() {
        locus = new RunningLocus(LocusConfig.builder().requestDeadlineMillis(BUDGET_MILLIS), GATED);
        GATED.close();
    }

    @AfterAll
    static void stop() {
        GATED.open();
        locus.close();
    }

    private static byte[] request(String claim) {
        return ("{\"Pod\":{\"metadata\":{\"name\":\"p\",\"namespace\":\"ns\"},\"spec\":{\"volumes\":[{\"name\":\"v\","
                + "\"persistentVolumeClaim\":{\"claimName\":\"" + claim + "\"}}]}},\"NodeNames\":[\""
                + String.join("\",\"", NODES) + "\"]}").getBytes(StandardCharsets.UTF_8);
    }

    /** Rejections (node -> reason) of the full filter chain, in-process. */
    private static Map<String, String> fullChain(String claim) {
        PlacementEngine engine = TestCluster.engine();
        var args = TestCluster.names(TestCluster.pod(claim), NODES.toArray(String[]::new));
        FilterResult full = engine.filter(engine.prepare(args.pod(), SNAPSHOT), args);
        Map<String, String> rejected = new TreeMap<>(full.failed());
        rejected.putAll(full.unresolvable());
        return rejected;
    }

    private static Map<String, String> degraded(String claim) {
        HttpExtenderClient.FilterOutcome outcome = locus.client().filter(request(claim), NODES, true);
        Map<String, String> rejected = new TreeMap<>(outcome.failed());
        rejected.putAll(outcome.unresolvable());
        List<String> expectedPassing = new ArrayList<>(NODES);
        expectedPassing.removeAll(rejected.keySet());
        assertEquals(expectedPassing, outcome.passing());
        return rejected;
    }

    @ParameterizedTest(name = "{0}: {1} rejected under the deadline")
    @CsvSource({
        "pinned,    elsewhere, volume pv-pinned (claim ns/pinned): node affinity conflict",
        "zonal,     ok,        volume pv-zonal (claim ns/zonal): node affinity conflict",
        "csi,       nodriver,  volume pv-csi (claim ns/csi): CSI driver driver.test is not registered",
        "csi,       down,      storage on this node is down",
        "wffc,      small,     claim ns/wffc: StorageClass wffc has 10737418240 bytes available",
    })
    void eachSafetyFilterStillRejectsUnderTheDeadline(String claim, String node, String reason) {
        double before = exceeded();
        Map<String, String> rejected = degraded(claim);
        assertTrue(rejected.containsKey(node), rejected::toString);
        assertTrue(rejected.get(node).startsWith(reason.strip()), rejected.get(node));
        assertEquals(fullChain(claim), rejected, "the fallback rejects exactly what the full chain rejects");
        assertEquals(before + 1, exceeded(), "answered by the fallback");
    }

    @Test
    void strictReplicaLocalityIsTheOneRuleSkipped() {
        String strict = String.format(Reasons.NO_REPLICA_STRICT, "volume pv-strict (claim ns/strict)");
        assertEquals(strict, fullChain("strict").get("elsewhere"));
        assertEquals(strict, fullChain("strict").get("small"));
        Map<String, String> rejected = degraded("strict");
        assertEquals(List.of("down", "nodriver"), List.copyOf(rejected.keySet()), rejected::toString);
        assertEquals(Reasons.STORAGE_DOWN, rejected.get("down"));
    }

    private static double exceeded() {
        return locus.registry().get("locus.deadline.exceeded").tag("verb", "filter").counter().count();
    }
}
