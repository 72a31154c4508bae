package dev.locus.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locus.cluster.ClusterObjects;
import dev.locus.cluster.NodeStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each failure signal, from a snapshot; and how a Node's status becomes a {@link NodeStatus}. */
class FailureDetectorTest {

    static Arguments row(String name, Consumer<World> cluster, Map<String, Set<String>> drivers, Set<NodeFailure> expected) {
        return Arguments.of(Named.of(name, cluster), drivers, expected);
    }

    static Stream<Arguments> signals() {
        return Stream.of(
                row("healthy cluster", w -> { }, Map.of(), Set.of()),
                row("storage-state down", w -> w.storageDown("n1"), Map.of(),
                        Set.of(new NodeFailure("n1", FailureKind.STORAGE_DOWN, ""))),
                row("node NotReady", w -> w.status("n1", new NodeStatus(NodeStatus.Readiness.NOT_READY, false, 1, 1)),
                        Map.of(), Set.of(new NodeFailure("n1", FailureKind.NODE_NOT_READY, "NotReady"))),
                row("node unreachable", w -> w.status("n2", new NodeStatus(NodeStatus.Readiness.UNREACHABLE, false, 1, 1)),
                        Map.of(), Set.of(new NodeFailure("n2", FailureKind.NODE_NOT_READY, "unreachable"))),
                row("CSI driver gone from the CSINode", w -> w.csiNode("n1", "other.csi"),
                        Map.of("n1", Set.of("driver.test")),
                        Set.of(new NodeFailure("n1", FailureKind.CSI_DRIVER_MISSING, "driver.test"))),
                row("CSI driver registered", w -> w.csiNode("n1", "driver.test"), Map.of("n1", Set.of("driver.test")),
                        Set.of()),
                row("no CSINode object: not judged", w -> { }, Map.of("n1", Set.of("driver.test")), Set.of()),
                row("Longhorn: every replica on the node failed",
                        w -> w.longhornVolume("a", Map.of("n1", false, "n2", true)).longhornVolume("b", Map.of("n1", false)),
                        Map.of(), Set.of(new NodeFailure("n1", FailureKind.LONGHORN_REPLICAS_FAILED, ""))),
                row("Longhorn: its node object is not Ready",
                        w -> w.longhornNode("n1", false, "ManagerPodDown", false).longhornNode("n2", true, "", false),
                        Map.of(), Set.of(new NodeFailure("n1", FailureKind.LONGHORN_NODE_DOWN, "ManagerPodDown"))),
                row("Longhorn: its node is Ready but every disk is not",
                        w -> w.longhornNode("n2", true, "", true), Map.of(),
                        Set.of(new NodeFailure("n2", FailureKind.LONGHORN_NODE_DOWN, "every disk not ready"))),
                row("Longhorn: a Ready node with a ready disk", w -> w.longhornNode("n1", true, "", false), Map.of(),
                        Set.of()),
                row("Longhorn: a stopped replica (volume detached) is not a failed one",
                        w -> w.stoppedLonghornVolume("a", "n1").longhornVolume("b", Map.of("n1", false)),
                        Map.of(), Set.of()),
                row("Longhorn: one healthy replica on the node is enough",
                        w -> w.longhornVolume("a", Map.of("n1", false)).longhornVolume("b", Map.of("n1", true)),
                        Map.of(), Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("signals")
    void observes(Consumer<World> cluster, Map<String, Set<String>> drivers, Set<NodeFailure> expected) {
        World world = new World().nodes("n1", "n2", "n3");
        cluster.accept(world);
        assertEquals(expected, FailureDetector.observe(world.snapshot(), drivers));
    }

    static Stream<Arguments> nodes() {
        return Stream.of(
                Arguments.of(Named.of("Ready True", node("True", null)), NodeStatus.Readiness.READY),
                Arguments.of(Named.of("Ready False", node("False", null)), NodeStatus.Readiness.NOT_READY),
                Arguments.of(Named.of("Ready Unknown", node("Unknown", null)), NodeStatus.Readiness.UNREACHABLE),
                Arguments.of(Named.of("no status at all", new NodeBuilder().withNewMetadata().withName("n")
                        .endMetadata().build()), NodeStatus.Readiness.READY),
                Arguments.of(Named.of("Ready True but unreachable taint", node("True", "node.kubernetes.io/unreachable")),
                        NodeStatus.Readiness.UNREACHABLE),
                Arguments.of(Named.of("Ready True but not-ready taint", node("True", "node.kubernetes.io/not-ready")),
                        NodeStatus.Readiness.NOT_READY));
    }

    private static Node node(String ready, String taint) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName("n").endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready).endCondition()
                .addToAllocatable("cpu", new Quantity("3500m")).addToAllocatable("memory", new Quantity("2Gi"))
                .endStatus();
        if (taint != null) {
            b.withNewSpec().addNewTaint().withKey(taint).withEffect("NoExecute").endTaint().endSpec();
        }
        return b.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodes")
    void readsReadinessFromConditionAndTaints(Node node, NodeStatus.Readiness expected) {
        assertEquals(expected, ClusterObjects.node(node).status().readiness());
    }

    @Test
    void readsAllocatableAndCordon() {
        Node node = node("True", null);
        node.setSpec(new io.fabric8.kubernetes.api.model.NodeSpecBuilder().withUnschedulable(true).build());
        NodeStatus status = ClusterObjects.node(node).status();
        assertEquals(new NodeStatus(NodeStatus.Readiness.READY, true, 3500, 2L << 30), status);
    }
}
