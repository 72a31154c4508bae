package dev.locus.placement;

import static dev.locus.testing.TestCluster.GIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locus.api.ExtenderArgs;
import dev.locus.api.Explanation;
import dev.locus.api.FilterResult;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.LonghornNodeInfo;
import dev.locus.testing.TestCluster;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Placement of Longhorn volumes when Longhorn's own node objects report a node down. */
class LonghornNodePlacementTest {

    static final String STRICT = "strict";
    static final String MANAGER_DOWN = "ManagerPodDown";

    /**
     * n1, n2 in zone z1 (racks k1, k2), n3, n4 in zone z2. Longhorn: n1 not Ready (manager
     * down), n2 Ready, n3 Ready but every disk down, n4 has no Longhorn Node, n5 one read as
     * Ready, as one without conditions yet is read ({@code LonghornNodeStateTest} holds the
     * reading; here it only shows that such a node's replica counts). n9 has a Longhorn Node,
     * not Ready, but no Node in the snapshot (one that has just joined, as the scheduler may
     * offer it before Locus's snapshot has it).
     */
    static ClusterSnapshot cluster() {
        return new TestCluster()
                .node("n1", "r", "z1", "k1").node("n2", "r", "z1", "k2")
                .node("n3", "r", "z2", "k3").node("n4", "r", "z2", "k4").node("n5", "r", "z2", "k5")
                .longhornNode(new LonghornNodeInfo("n1", false, MANAGER_DOWN, true, false))
                .longhornNode(new LonghornNodeInfo("n2", true, "", true, false))
                .longhornNode(new LonghornNodeInfo("n3", true, "", true, true))
                .longhornNode(new LonghornNodeInfo("n5", true, "", true, false))
                .longhornNode(new LonghornNodeInfo("n9", false, MANAGER_DOWN, true, false))
                .longhornVolume("lh", 10 * GIB, Map.of(), "n1", "n2")
                .longhornVolume("lh-disks", 10 * GIB, Map.of(), "n3", "n4")
                .longhornVolume("lh-strict", 10 * GIB, Map.of(PolicyResolver.ANNOTATION, STRICT), "n2", "n3")
                .longhornVolume("lh-strict-down", 10 * GIB, Map.of(PolicyResolver.ANNOTATION, STRICT), "n1")
                .longhornVolume("lh-strict-n1", 10 * GIB, Map.of(PolicyResolver.ANNOTATION, STRICT), "n1", "n2")
                .longhornVolume("lh-fresh", 10 * GIB, Map.of(), "n5")
                .longhornVolume("lh-strict-n9", 10 * GIB, Map.of(PolicyResolver.ANNOTATION, STRICT), "n9", "n2")
                .volume("plain", 10 * GIB, "n1", "n3")
                .storageClass("longhorn", "driver.longhorn.io", "Immediate", Map.of())
                .unboundClaim("lh-new", 10 * GIB, "longhorn")
                .snapshot();
    }

    static String notReady(String volume) {
        return String.format(Reasons.LONGHORN_NODE_NOT_READY, volume, MANAGER_DOWN);
    }

    static Stream<Arguments> verdicts() {
        String lh = "volume pv-lh (claim ns/lh)";
        return Stream.of(
                row("state", "lh", "n1", Status.unresolvable(notReady(lh))),
                row("state", "lh", "n2", Status.SUCCESS),
                row("state", "lh", "n3", Status.SUCCESS), // disks down, manager up: it can still attach
                row("state", "lh", "n4", Status.SUCCESS), // no Longhorn Node: not judged
                row("state", "lh", "ghost", Status.SUCCESS),
                row("state", "plain", "n1", Status.SUCCESS), // not a Longhorn volume
                row("state", "lh-new", "n1", Status.unresolvable(notReady("claim ns/lh-new"))),
                row("strict", "lh-strict", "n2", Status.SUCCESS),
                // a replica node strict no longer admits is told why, not that it holds no replica
                row("strict", "lh-strict", "n3", Status.unresolvable(String.format(Reasons.REPLICA_NODE_DOWN,
                        "volume pv-lh-strict (claim ns/lh-strict)", "with every disk down"))),
                row("strict", "lh-strict", "n4", Status.unresolvable(String.format(Reasons.NO_REPLICA_STRICT,
                        "volume pv-lh-strict (claim ns/lh-strict)"))),
                row("strict", "lh-strict-n1", "n1", Status.unresolvable(String.format(Reasons.REPLICA_NODE_DOWN,
                        "volume pv-lh-strict-n1 (claim ns/lh-strict-n1)", "not Ready (" + MANAGER_DOWN + ")"))),
                row("strict", "lh-strict-n1", "n2", Status.SUCCESS),
                // the same for a node the snapshot does not have, judged by name
                row("strict", "lh-strict-n9", "n9", Status.unresolvable(String.format(Reasons.REPLICA_NODE_DOWN,
                        "volume pv-lh-strict-n9 (claim ns/lh-strict-n9)", "not Ready (" + MANAGER_DOWN + ")"))),
                row("strict", "lh-strict-n9", "n2", Status.SUCCESS),
                row("strict", "lh-strict-n9", "ghost", Status.unresolvable(String.format(Reasons.NO_REPLICA_STRICT,
                        "volume pv-lh-strict-n9 (claim ns/lh-strict-n9)"))),
                // every replica on a down Longhorn node: the pod waits for them
                row("strict", "lh-strict-down", "n1", Status.SUCCESS),
                row("strict", "lh-strict-down", "n2", Status.unresolvable(String.format(Reasons.NO_REPLICA_STRICT,
                        "volume pv-lh-strict-down (claim ns/lh-strict-down)"))),
                row("state", "lh-strict-down", "n1",
                        Status.unresolvable(notReady("volume pv-lh-strict-down (claim ns/lh-strict-down)"))));
    }

    private static Arguments row(String plugin, String claim, String node, Status expected) {
        return Arguments.of(plugin, claim, node, expected);
    }

    @ParameterizedTest(name = "{0} filter, claim {1}, node {2}: {3}")
    @MethodSource("verdicts")
    void verdict(String plugin, String claim, String node, Status expected) {
        CycleState state = TestCluster.engine().prepare(TestCluster.pod(claim), cluster());
        ExtenderArgs args = TestCluster.names(state.pod(), node);

        assertEquals(expected, FilterPluginsTest.PLUGINS.get(plugin).filter(state, Candidates.of(state, args).view(0)));
        Status[] chain = new Status[1];
        FilterPluginsTest.PLUGINS.get(plugin).filter(state, Candidates.of(state, args), chain);
        assertEquals(expected.isSuccess() ? null : expected, chain[0], "the chain's way agrees");
    }

    @Test
    void theFilterReplySendsTheNotReadyNodeToFailedAndUnresolvable() {
        PlacementEngine engine = TestCluster.engine();
        CycleState state = engine.prepare(TestCluster.pod("lh"), cluster());

        FilterResult result = engine.filter(state, TestCluster.names(state.pod(), "n1", "n2", "n3"));

        assertEquals(Map.of("n1", notReady("volume pv-lh (claim ns/lh)")), result.unresolvable());
        assertEquals(Map.of(), result.failed());
    }

    static Stream<Arguments> scores() {
        return Stream.of(
                // n1's replica does not count: n1 is only in n2's zone
                Arguments.of("lh", new int[] {4, 10, 2, 2}),
                // n3's disks are down: n4 holds the only healthy replica, n3 is in its zone
                Arguments.of("lh-disks", new int[] {2, 2, 4, 10}),
                // not Longhorn: Longhorn's node objects do not matter
                Arguments.of("plain", new int[] {10, 4, 10, 4}),
                // a Longhorn Node read as Ready (as one without conditions yet is): its replica counts
                Arguments.of("lh-fresh", new int[] {2, 2, 4, 4}));
    }

    @ParameterizedTest(name = "claim {0}: {1}")
    @MethodSource("scores")
    void replicasOnDownLonghornNodesDoNotAttract(String claim, int[] expected) {
        PlacementEngine engine = TestCluster.engine();
        CycleState state = engine.prepare(TestCluster.pod(claim), cluster());

        assertArrayEquals(expected, engine.scores(state, TestCluster.names(state.pod(), "n1", "n2", "n3", "n4")));
    }

    @Test
    void explainShowsTheVerdictAndTheTierWithoutTheDownReplica() {
        PlacementEngine engine = TestCluster.engine();
        CycleState state = engine.prepare(TestCluster.pod("lh"), cluster());

        Explanation.Node n1 = engine.explain(state, TestCluster.names(state.pod(), "n1")).nodes().get(0);

        assertEquals(false, n1.passed());
        assertEquals(new Explanation.Verdict("StorageState", "UnschedulableAndUnresolvable",
                notReady("volume pv-lh (claim ns/lh)")), n1.filters().get(3));
        assertEquals("zone", n1.volumes().get(0).tier());
        assertEquals(4, n1.score());
    }
}
