package dev.locus.placement;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeInfo;
import dev.locus.testing.TestCluster;
import dev.locus.topology.TopologyIndex;
import org.junit.jupiter.api.Test;

/**
 * Requests that began on the previous snapshot overlap requests on the new one. Alternating
 * between the two must not rebuild the per-snapshot indexes (each rebuild is a pass over every
 * node, and for a topology change a new graph); an older snapshot never displaces a newer one.
 */
class StraddlingSnapshotsTest {

    private static ClusterSnapshot snapshot(long generation, String... nodes) {
        ClusterSnapshot.Builder b = ClusterSnapshot.builder().generation(generation);
        for (String n : nodes) {
            b.node(new NodeInfo(n, TestCluster.labels(n, "r", "z", "k"), java.util.Map.of()));
        }
        return b.build();
    }

    @Test
    void alternatingBetweenTwoSnapshotsBuildsEachIndexOnce() {
        PlacementEngine engine = TestCluster.engine();
        ClusterSnapshot old = snapshot(1, "a", "b");
        ClusterSnapshot fresh = snapshot(2, "a", "b", "c"); // a node joined: another topology
        ClusterIndex oldIndex = engine.index(old);
        ClusterIndex freshIndex = engine.index(fresh);
        for (int i = 0; i < 3; i++) {
            assertSame(oldIndex, engine.index(old), "the previous snapshot's index is kept");
            assertSame(freshIndex, engine.index(fresh), "the new snapshot's index is kept");
        }
        assertSame(oldIndex.topology(), engine.index(old).topology());
        assertNotSame(oldIndex.topology(), freshIndex.topology());

        ClusterSnapshot older = snapshot(0, "a");
        assertNotSame(engine.index(older), engine.index(older), "older than both: built, not kept");
        assertSame(freshIndex, engine.index(fresh), "and it displaced neither");
        assertSame(oldIndex, engine.index(old));
    }

    @Test
    void theHeldIndexesKeepBothTopologies() {
        PlacementEngine engine = TestCluster.engine();
        ClusterSnapshot old = snapshot(1, "a", "b");
        ClusterSnapshot fresh = snapshot(2, "a", "b", "c");
        TopologyIndex first = engine.index(old).topology();
        TopologyIndex second = engine.index(fresh).topology();
        assertSame(first, engine.index(old).topology());
        assertSame(second, engine.index(fresh).topology());
        assertSame(first, engine.index(snapshot(3, "a", "b")).topology(),
                "the node left again: the held index is reused");
    }
}
