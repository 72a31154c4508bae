package dev.locus.placement;

import static dev.locus.testing.TestCluster.GIB;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeSelector;
import dev.locus.testing.TestCluster;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A pod's unbound WaitForFirstConsumer claims are provisioned from the same pool: per node and
 * per StorageClass their sum must fit the free capacity, and only drivers that publish capacity
 * ({@code CSIDriver.spec.storageCapacity}) are judged.
 */
class CapacityAcrossClaimsTest {

    private static final String LVM = "topolvm.io";

    private static final ClusterSnapshot CLUSTER = new TestCluster()
            .node("n100", "r", "z1", "a").node("n200", "r", "z1", "a").node("nmax", "r", "z1", "a")
            .node("bare", "r", "z1", "a")
            .csiDriver(LVM, true).csiDriver("quiet.csi", false)
            .storageClass("lvm", LVM, "WaitForFirstConsumer", Map.of())
            .storageClass("lvm-other", LVM, "WaitForFirstConsumer", Map.of())
            .storageClass("quiet", "quiet.csi", "WaitForFirstConsumer", Map.of())
            .storageClass("nodriver", "example.com/nfs", "WaitForFirstConsumer", Map.of())
            .capacity("lvm-n100", "lvm", Map.of(NodeSelector.HOSTNAME, "n100"), 100 * GIB, -1)
            .capacity("lvm-n200", "lvm", Map.of(NodeSelector.HOSTNAME, "n200"), 200 * GIB, -1)
            .capacity("lvm-nmax", "lvm", Map.of(NodeSelector.HOSTNAME, "nmax"), -1, 100 * GIB)
            .capacity("other-n100", "lvm-other", Map.of(NodeSelector.HOSTNAME, "n100"), 100 * GIB, -1)
            .capacity("quiet-n100", "quiet", Map.of(NodeSelector.HOSTNAME, "n100"), 1 * GIB, -1)
            .unboundClaim("a60", 60 * GIB, "lvm").unboundClaim("b60", 60 * GIB, "lvm")
            .unboundClaim("c40", 40 * GIB, "lvm").unboundClaim("o60", 60 * GIB, "lvm-other")
            .unboundClaim("q60", 60 * GIB, "quiet").unboundClaim("x60", 60 * GIB, "nodriver")
            .unboundClaim("r60", 60 * GIB, "quiet")
            .snapshot();

    static Stream<Arguments> cases() {
        String together120 = String.format(Reasons.INSUFFICIENT_CAPACITY_TOGETHER, 2, "lvm", 120 * GIB, 100 * GIB);
        return Stream.of(
                Arguments.of("two 60Gi claims do not fit 100Gi together", new String[] {"a60", "b60"}, "n100", together120),
                Arguments.of("they fit 200Gi", new String[] {"a60", "b60"}, "n200", null),
                Arguments.of("60Gi + 40Gi fit 100Gi exactly", new String[] {"a60", "c40"}, "n100", null),
                Arguments.of("one claim alone fits", new String[] {"a60"}, "n100", null),
                Arguments.of("three claims: 160Gi", new String[] {"a60", "b60", "c40"}, "n100",
                        String.format(Reasons.INSUFFICIENT_CAPACITY_TOGETHER, 3, "lvm", 160 * GIB, 100 * GIB)),
                Arguments.of("different classes are different pools", new String[] {"a60", "o60"}, "n100", null),
                Arguments.of("only maximumVolumeSize reported: each claim alone", new String[] {"a60", "b60"}, "nmax", null),
                Arguments.of("driver without storageCapacity is not judged", new String[] {"q60", "r60"}, "n100", null),
                Arguments.of("no CSIDriver object: not judged", new String[] {"x60"}, "bare", null),
                Arguments.of("publishing driver, no object for the node", new String[] {"a60"}, "bare",
                        String.format(Reasons.NO_CAPACITY_SEGMENT, "claim ns/a60", "lvm")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void claimsArePlacedInThePoolTogether(String title, String[] claims, String node, String reason) {
        PlacementEngine engine = TestCluster.engine();
        CycleState state = engine.prepare(TestCluster.pod(claims), CLUSTER);
        NodeView view = new NodeView(node, CLUSTER.node(node).labels(), Map.of(), true,
                state.index().topology().ordinal(node));
        Status status = new CapacityFilter().filter(state, view);
        assertEquals(reason == null ? Status.SUCCESS : Status.unschedulable(reason), status);
        NodeView byLabels = new NodeView(node, CLUSTER.node(node).labels(), Map.of(), true, -1);
        assertEquals(status, new CapacityFilter().filter(state, byLabels), "a node outside the index: same verdict");
    }
}
