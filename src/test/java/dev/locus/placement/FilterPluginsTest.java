package dev.locus.placement;

import static dev.locus.testing.TestCluster.GIB;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locus.api.ExtenderArgs;
import dev.locus.api.PodInfo;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeSelector;
import dev.locus.testing.TestCluster;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every filter plugin, every reason, on one small cluster. */
class FilterPluginsTest {

    static final Map<String, FilterPlugin> PLUGINS = Map.of(
            "affinity", new VolumeNodeAffinityFilter(), "strict", new StrictLocalityFilter(),
            "csi", new CsiDriverFilter(), "state", new StorageStateFilter(), "capacity", new CapacityFilter());

    static final String LVM = "topolvm.io";

    /**
     * n1..n4 in region r, zones z1 (n1, n2) and z2 (n3, n4); n5 unlabelled. n3 storage down,
     * n4 degraded. CSINodes: n1 lacks topolvm, n2 has it, others have no CSINode.
     */
    static ClusterSnapshot cluster() {
        return new TestCluster()
                .node("n1", "r", "z1", "k1").node("n2", "r", "z1", "k2")
                .node("n3", "r", "z2", "k3", Map.of(StorageState.ANNOTATION, "down"))
                .node("n4", "r", "z2", "k4", Map.of(StorageState.ANNOTATION, "Degraded"))
                .node("n5", null, null, null)
                .volume("data", 100 * GIB, "n1", "n2")
                .volume("strict", 10 * GIB, null, Map.of(PolicyResolver.ANNOTATION, "strict"), "n1")
                .volume("strict-down", 10 * GIB, null, Map.of(PolicyResolver.ANNOTATION, "strict"), "n3")
                .pinnedVolume("local", 50 * GIB, LVM, TestCluster.in(NodeSelector.HOSTNAME, "n2"))
                .pinnedVolume("zonal", 50 * GIB, "pd", TestCluster.in(NodeSelector.ZONE, "z1"))
                .storageClass("lvm", LVM, "WaitForFirstConsumer", Map.of())
                .storageClass("nocap", "other.csi", "WaitForFirstConsumer", Map.of())
                .storageClass("imm", "other.csi", "Immediate", Map.of())
                .unboundClaim("wffc", 10 * GIB, "lvm")
                .unboundClaim("wffc-exact", 100 * GIB, "lvm")
                .unboundClaim("wffc-nocap", 10 * GIB, "nocap")
                .unboundClaim("imm", 10 * GIB, "imm")
                .capacity("cap-n1", "lvm", Map.of(NodeSelector.HOSTNAME, "n1"), 5 * GIB, -1)
                .capacity("cap-z1", "lvm", Map.of(NodeSelector.ZONE, "z1"), 8 * GIB, -1)
                .capacity("cap-n2", "lvm", Map.of(NodeSelector.HOSTNAME, "n2"), 100 * GIB, -1)
                .capacity("cap-n3", "lvm", Map.of(NodeSelector.HOSTNAME, "n3"), -1, -1)
                .capacity("cap-n4", "lvm", Map.of(NodeSelector.HOSTNAME, "n4"), 500 * GIB, 5 * GIB)
                .capacity("cap-imm", "imm", Map.of(NodeSelector.HOSTNAME, "nobody"), 0, -1)
                .csiNode("n1", "driver.test").csiNode("n2", "driver.test", LVM)
                .csiDriver(LVM, true).csiDriver("other.csi", false)
                .snapshot();
    }

    static Stream<Arguments> verdicts() {
        String strictVol = "volume pv-strict (claim ns/strict)";
        String localVol = "volume pv-local (claim ns/local)";
        return Stream.of(
                row("strict", "strict", "n1", Status.SUCCESS),
                row("strict", "strict", "n2", Status.unresolvable(String.format(Reasons.NO_REPLICA_STRICT, strictVol))),
                row("strict", "strict", "ghost", Status.unresolvable(String.format(Reasons.NO_REPLICA_STRICT, strictVol))),
                row("strict", "data", "n5", Status.SUCCESS),
                // the data stays where it is while its node's storage is down: strict still pins it there
                row("strict", "strict-down", "n3", Status.SUCCESS),
                row("strict", "strict-down", "n1", Status.unresolvable(String.format(Reasons.NO_REPLICA_STRICT,
                        "volume pv-strict-down (claim ns/strict-down)"))),
                row("strict", "local", "n2", Status.SUCCESS),
                row("strict", "local", "n1", Status.unresolvable(String.format(Reasons.NO_REPLICA_PINNED, localVol, "[n2]"))),
                row("strict", "local", "ghost", Status.unresolvable(String.format(Reasons.NO_REPLICA_PINNED, localVol, "[n2]"))),
                row("strict", "zonal", "n3", Status.SUCCESS),
                row("strict", "wffc", "n1", Status.SUCCESS),
                row("affinity", "local", "n1", Status.unresolvable(String.format(Reasons.NODE_AFFINITY_CONFLICT, localVol))),
                row("affinity", "local", "n2", Status.SUCCESS),
                row("affinity", "local", "ghost", Status.SUCCESS),
                row("affinity", "zonal", "n3", Status.unresolvable(String.format(Reasons.NODE_AFFINITY_CONFLICT,
                        "volume pv-zonal (claim ns/zonal)"))),
                row("csi", "local", "n1", Status.unresolvable(String.format(Reasons.CSI_DRIVER_MISSING, localVol, LVM))),
                row("csi", "local", "n2", Status.SUCCESS),
                row("csi", "local", "n3", Status.SUCCESS),
                row("csi", "wffc", "n1", Status.unresolvable(String.format(Reasons.CSI_DRIVER_MISSING, "claim ns/wffc", LVM))),
                row("csi", "data", "n1", Status.SUCCESS),
                row("state", "data", "n3", Status.unschedulable(Reasons.STORAGE_DOWN)),
                row("state", "data", "n4", Status.SUCCESS),
                row("state", "data", "ghost", Status.SUCCESS),
                row("capacity", "wffc", "n1", Status.unschedulable(String.format(Reasons.INSUFFICIENT_CAPACITY,
                        "claim ns/wffc", "lvm", 8 * GIB, 10 * GIB))),
                row("capacity", "wffc", "n2", Status.SUCCESS),
                row("capacity", "wffc-exact", "n2", Status.SUCCESS),
                row("capacity", "wffc-exact", "n1", Status.unschedulable(String.format(Reasons.INSUFFICIENT_CAPACITY,
                        "claim ns/wffc-exact", "lvm", 8 * GIB, 100 * GIB))),
                row("capacity", "wffc", "n3", Status.unschedulable(String.format(Reasons.CAPACITY_UNREPORTED,
                        "claim ns/wffc", "lvm"))),
                row("capacity", "wffc", "n4", Status.unschedulable(String.format(Reasons.INSUFFICIENT_CAPACITY,
                        "claim ns/wffc", "lvm", 5 * GIB, 10 * GIB))),
                row("capacity", "wffc", "n5", Status.unschedulable(String.format(Reasons.NO_CAPACITY_SEGMENT,
                        "claim ns/wffc", "lvm"))),
                row("capacity", "wffc", "ghost", Status.SUCCESS), // labels unknown: no segment to judge
                row("capacity", "wffc-nocap", "n5", Status.SUCCESS),
                row("capacity", "imm", "n5", Status.SUCCESS),
                row("capacity", "data", "n5", Status.SUCCESS));
    }

    private static Arguments row(String plugin, String claim, String node, Status expected) {
        return Arguments.of(plugin, claim, node, expected);
    }

    @ParameterizedTest(name = "{0} filter, claim {1}, node {2}: {3}")
    @MethodSource("verdicts")
    void verdict(String plugin, String claim, String node, Status expected) {
        PlacementEngine engine = TestCluster.engine();
        CycleState state = engine.prepare(TestCluster.pod(claim), cluster());
        NodeView view = Candidates.of(state, TestCluster.names(state.pod(), node)).view(0);

        assertEquals(expected, PLUGINS.get(plugin).filter(state, view));
    }

    /** Nodes mode: a node the snapshot lacks is judged by the labels and annotations in the request. */
    @ParameterizedTest(name = "{0} filter on a request-only node labelled {2}: {3}")
    @MethodSource("requestNodes")
    void requestOnlyNodes(String plugin, String claim, Map<String, String> labels, Map<String, String> annotations,
                          Status.Code expected) {
        PodInfo pod = TestCluster.pod(claim);
        CycleState state = TestCluster.engine().prepare(pod, cluster());
        ExtenderArgs args = TestCluster.objects(pod, List.of(new dev.locus.cluster.NodeInfo("new", labels, annotations)));

        assertEquals(expected, PLUGINS.get(plugin).filter(state, Candidates.of(state, args).view(0)).code());
    }

    static Stream<Arguments> requestNodes() {
        Map<String, String> likeN2 = Map.of(NodeSelector.HOSTNAME, "n2", NodeSelector.ZONE, "z1");
        return Stream.of(
                Arguments.of("capacity", "wffc", likeN2, Map.of(), Status.Code.SUCCESS),
                Arguments.of("capacity", "wffc", Map.of(), Map.of(), Status.Code.UNSCHEDULABLE),
                Arguments.of("affinity", "zonal", likeN2, Map.of(), Status.Code.SUCCESS),
                Arguments.of("affinity", "zonal", Map.of(NodeSelector.ZONE, "z2"), Map.of(),
                        Status.Code.UNSCHEDULABLE_AND_UNRESOLVABLE),
                Arguments.of("strict", "local", likeN2, Map.of(), Status.Code.SUCCESS),
                Arguments.of("state", "data", Map.of(), Map.of(StorageState.ANNOTATION, "down"), Status.Code.UNSCHEDULABLE));
    }
}
