package dev.locus.http;

import static dev.locus.testing.TestCluster.GIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import dev.locus.cluster.NodeInfo;
import dev.locus.testing.RunningLocus;
import dev.locus.testing.TestCluster;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import dev.locus.cluster.NodeStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * When the scheduler offers none of a volume's Ready replica nodes (its adaptive
 * percentageOfNodesToScore sampled them out), Locus cannot place the pod next to its data:
 * it counts the request, and /explain says so.
 */
class ReplicasNotOfferedTest {

    private static final NodeStatus NOT_READY = new NodeStatus(NodeStatus.Readiness.NOT_READY, false, -1, -1);

    private static RunningLocus locus;

    @BeforeAll
    static void start() {
        locus = new RunningLocus(new TestCluster()
                .node("a", "r", "z1", "k1").node("c", "r", "z2", "k3").node("d", "r", "z2", "k4")
                .node(new NodeInfo("b", TestCluster.labels("b", "r", "z1", "k2"), Map.of(), NOT_READY))
                .node(new NodeInfo("e", TestCluster.labels("e", "r", "z2", "k5"), Map.of(), NOT_READY))
                .volume("data", 10 * GIB, "a", "b")
                .volume("stale", 10 * GIB, "e")
                .snapshot());
    }

    @AfterAll
    static void stop() {
        locus.close();
    }

    private static byte[] request(String claim, String... nodes) {
        return ("{\"Pod\":{\"metadata\":{\"name\":\"p\",\"namespace\":\"ns\"},\"spec\":{\"volumes\":[{\"name\":\"v\","
                + "\"persistentVolumeClaim\":{\"claimName\":\"" + claim + "\"}}]}},\"NodeNames\":[\""
                + String.join("\",\"", nodes) + "\"]}").getBytes(StandardCharsets.UTF_8);
    }

    private static double counted() {
        return locus.registry().get("locus.replicas.not.offered").counter().count();
    }

    private static List<String> warnings(byte[] body) throws Exception {
        JsonNode reply = new ObjectMapper().readTree(locus.client().post("explain", body).body());
        return new ObjectMapper().convertValue(reply.get("Warnings"), List.class);
    }

    @Test
    void readyReplicaNodesLeftOutAreCountedAndExplained() throws Exception {
        double before = counted();
        byte[] away = request("data", "c", "d");
        locus.client().filter(away, List.of("c", "d"), true);
        assertEquals(before + 1, counted());
        List<String> warnings = warnings(away);
        assertEquals(1, warnings.size(), warnings::toString);
        assertTrue(warnings.get(0).startsWith("no replica node of volume pv-data (claim ns/data) was offered: [a] Ready,"),
                warnings.get(0));
        assertTrue(warnings.get(0).contains("percentageOfNodesToScore"), warnings.get(0));
    }

    @Test
    void offeredOrNotReadyReplicasAreNotCounted() throws Exception {
        double before = counted();
        locus.client().filter(request("data", "a", "c"), List.of("a", "c"), true);
        locus.client().filter(request("stale", "c", "d"), List.of("c", "d"), true); // its only replica is not Ready
        assertEquals(before, counted());
        assertEquals(List.of(), warnings(request("data", "b", "c")), "b holds a replica, offered though not Ready");
    }
}
