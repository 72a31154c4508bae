package dev.locus.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeInfo;
import dev.locus.cluster.NodeSelector;
import dev.locus.config.TopologySpec;
import dev.locus.testing.TestCluster;
import dev.locus.topology.TopologyIndexes;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every ordinal of a ClusterIndex is a snapshot node, even where a weighted file names more vertices. */
class ClusterIndexTest {

    @Test
    void aWeightedFilesVerticesOutsideTheSnapshotGetNoOrdinal() {
        ClusterSnapshot snapshot = ClusterSnapshot.builder().generation(1)
                .node(new NodeInfo("a", Map.of(NodeSelector.HOSTNAME, "host-a"), Map.of()))
                .node(new NodeInfo("b", Map.of(NodeSelector.HOSTNAME, "b"), Map.of())).build();
        TopologySpec spec = new TopologySpec(Set.of("sw"), List.of(new TopologySpec.Link("a", "sw", 1),
                new TopologySpec.Link("gone", "sw", 1), new TopologySpec.Link("b", "gone", 1)),
                TopologySpec.DEFAULT_RACK_MAX, TopologySpec.DEFAULT_ZONE_MAX, TopologySpec.DEFAULT_REGION_MAX);
        ClusterIndex index = new ClusterIndex(snapshot, new TopologyIndexes(TestCluster.RACK, spec).of(snapshot));

        assertEquals(2, index.topology().nodeCount());
        assertEquals(-1, index.topology().ordinal("gone"));
        for (int o = 0; o < index.topology().nodeCount(); o++) {
            assertNotNull(index.node(o), "ordinal " + o);
        }
        NodeSelector onB = new NodeSelector(List.of(new NodeSelector.Term(List.of(
                new NodeSelector.Requirement(NodeSelector.HOSTNAME, "In", Set.of("b"))), List.of())));
        assertEquals(bits(index.topology().ordinal("b")), index.matching(onB));
        assertEquals(bits(index.topology().ordinal("b")), index.ordinals(new PinnedNodes(Set.of("b", "gone"), Set.of())));
    }

    private static BitSet bits(int ordinal) {
        BitSet bits = new BitSet();
        bits.set(ordinal);
        return bits;
    }
}
