package dev.locus.placement;

import static dev.locus.testing.TestCluster.GIB;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locus.api.ExtenderArgs;
import dev.locus.api.FilterResult;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeInfo;
import dev.locus.cluster.NodeSelector;
import dev.locus.testing.TestCluster;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Nodes mode: the request carries its own copy of each Node. For nodes the snapshot knows,
 * filters and scores both read the snapshot, so the request's (older or newer) labels and
 * annotations change nothing, and a Nodes-mode request gets the NodeNames-mode answer.
 */
class OneSourceOfTruthTest {

    private static final TestCluster BUILDER = new TestCluster()
            .node("a", "r", "z1", "k1", Map.of(StorageState.ANNOTATION, "down"))
            .node("b", "r", "z1", "k1")
            .node("c", "r", "z2", "k2", Map.of(StorageState.ANNOTATION, "degraded"))
            .volume("data", 10 * GIB, "a", "b")
            .pinnedVolume("zonal", 10 * GIB, "pd.csi", TestCluster.in(NodeSelector.ZONE, "z1"));
    private static final ClusterSnapshot CLUSTER = BUILDER.snapshot();

    /** The request's copies: a looks healthy, c healthy, b down and in another zone. */
    private static List<NodeInfo> requestCopies() {
        Map<String, String> bLabels = new HashMap<>(BUILDER.nodeInfo("b").labels());
        bLabels.put(NodeSelector.ZONE, "z9");
        return List.of(new NodeInfo("a", BUILDER.nodeInfo("a").labels(), Map.of()),
                new NodeInfo("b", bLabels, Map.of(StorageState.ANNOTATION, "down")),
                new NodeInfo("c", BUILDER.nodeInfo("c").labels(), Map.of()));
    }

    @Test
    void nodesModeAnswersAsNodeNamesModeFromTheSnapshot() {
        PlacementEngine engine = TestCluster.engine();
        for (String claim : List.of("data", "zonal")) {
            ExtenderArgs names = TestCluster.names(TestCluster.pod(claim), "a", "b", "c");
            ExtenderArgs nodes = TestCluster.objects(TestCluster.pod(claim), requestCopies());
            CycleState byNames = engine.prepare(names.pod(), CLUSTER);
            CycleState byNodes = engine.prepare(nodes.pod(), CLUSTER);
            FilterResult expected = engine.filter(byNames, names);
            FilterResult actual = engine.filter(byNodes, nodes);
            assertEquals(expected.passing(), actual.passing(), claim);
            assertEquals(expected.failed(), actual.failed(), claim);
            assertEquals(expected.unresolvable(), actual.unresolvable(), claim);
            assertEquals(Arrays.toString(engine.scores(byNames, names)), Arrays.toString(engine.scores(byNodes, nodes)),
                    claim);
        }
        ExtenderArgs nodes = TestCluster.objects(TestCluster.pod("data"), requestCopies());
        CycleState state = engine.prepare(nodes.pod(), CLUSTER);
        FilterResult filter = engine.filter(state, nodes);
        assertEquals(Map.of("a", Reasons.STORAGE_DOWN), filter.failed(), "a is down in the snapshot");
        // b holds the only healthy replica, a is in its rack (7, no penalty: down nodes are filtered out),
        // c is in its region and degraded in the snapshot (2 - penalty 2)
        assertEquals("[7, 10, 0]", Arrays.toString(engine.scores(state, nodes)));
    }
}
