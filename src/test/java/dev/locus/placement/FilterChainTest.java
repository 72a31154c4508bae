package dev.locus.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.api.FilterResult;
import dev.locus.api.PodInfo;
import dev.locus.cluster.NodeInfo;
import dev.locus.testing.TestCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's filter: the chain order, the two failure maps, and pods that skip it all. */
class FilterChainTest {

    private final PlacementEngine engine = TestCluster.engine();

    @Test
    void firstRejectionIsTheReasonAndLandsInItsMap() {
        PodInfo pod = TestCluster.pod("local", "data");
        CycleState state = engine.prepare(pod, FilterPluginsTest.cluster());

        FilterResult result = engine.filter(state, TestCluster.names(pod, "n1", "n2", "n3", "n4", "ghost"));

        assertEquals(List.of(1), result.passing().stream().boxed().toList(), "only n2 holds the pinned data");
        assertEquals(String.format(Reasons.NODE_AFFINITY_CONFLICT, "volume pv-local (claim ns/local)"),
                result.unresolvable().get("n1"), "affinity runs before the CSI driver check");
        assertEquals(String.format(Reasons.NO_REPLICA_PINNED, "volume pv-local (claim ns/local)", "[n2]"),
                result.unresolvable().get("ghost"));
        assertEquals(Map.of(), result.failed());
        assertEquals(4, result.unresolvable().size(), "n3 (down) is outside the pin too: unresolvable wins");
    }

    @Test
    void storageDownIsRecoverable() {
        PodInfo pod = TestCluster.pod("data");
        CycleState state = engine.prepare(pod, FilterPluginsTest.cluster());

        FilterResult result = engine.filter(state, TestCluster.names(pod, "n3", "n4"));

        assertEquals(Map.of("n3", Reasons.STORAGE_DOWN), result.failed());
        assertEquals(Map.of(), result.unresolvable());
    }

    @Test
    void podsWithoutClaimsSkipEveryFilter() {
        PodInfo pod = TestCluster.pod();
        CycleState state = engine.prepare(pod, FilterPluginsTest.cluster());

        FilterResult result = engine.filter(state, TestCluster.names(pod, "n3", "ghost"));

        assertEquals(2, result.passing().cardinality());
        assertTrue(result.failed().isEmpty() && result.unresolvable().isEmpty());
    }

    @Test
    void requestAnnotationsCountOnlyForNodesTheSnapshotLacks() {
        PodInfo pod = TestCluster.pod("data");
        CycleState state = engine.prepare(pod, FilterPluginsTest.cluster());
        NodeInfo n1Down = new NodeInfo("n1", TestCluster.labels("n1", "r", "z1", "k1"),
                Map.of(StorageState.ANNOTATION, "down"));
        NodeInfo newDown = new NodeInfo("n9", TestCluster.labels("n9", "r", "z1", "k1"),
                Map.of(StorageState.ANNOTATION, "down"));

        FilterResult result = engine.filter(state, TestCluster.objects(pod, List.of(n1Down, newDown)));

        assertEquals(Map.of("n9", Reasons.STORAGE_DOWN), result.failed(), "n1 is healthy in the snapshot");
    }

    @Test
    void strictPolicyFromTheStorageClassFilters() {
        var cluster = new TestCluster().node("a", "r", "z", "k").node("b", "r", "z", "k")
                .storageClass("pinned", "driver.test", "Immediate", Map.of(PolicyResolver.ANNOTATION, "strict"))
                .volume("db", TestCluster.GIB, "pinned", Map.of(), "a").snapshot();
        PodInfo pod = TestCluster.pod("db");

        FilterResult result = engine.filter(engine.prepare(pod, cluster), TestCluster.names(pod, "a", "b"));

        assertEquals(List.of(0), result.passing().stream().boxed().toList());
        assertTrue(result.unresolvable().containsKey("b"));
    }
}
