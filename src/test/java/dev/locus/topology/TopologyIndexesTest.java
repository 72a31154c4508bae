package dev.locus.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.locus.cluster.NodeInfo;
import dev.locus.locality.VolumePlacement;
import dev.locus.testing.TestCluster;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopologyIndexesTest {

    private final TopologyIndexes indexes = new TopologyIndexes(TestCluster.RACK, null);
    private final VolumePlacement onA = new VolumePlacement(Set.of("a"), Set.of(), Set.of());

    @Test
    void keepsIndexAndTierArraysWhileTopologyLabelsAreUnchanged() {
        TopologyIndex first = indexes.of(TopologyGraphTest.snapshot(TopologyGraphTest.node("a", "r/z/k1"),
                TopologyGraphTest.node("b", "r/z/k2")));
        byte[] tiers = first.tiers(onA);
        NodeInfo annotated = new NodeInfo("b", TestCluster.labels("b", "r", "z", "k2"), Map.of("note", "changed"));

        TopologyIndex second = indexes.of(TopologyGraphTest.snapshot(TopologyGraphTest.node("a", "r/z/k1"), annotated),
                List.of(first));

        assertSame(first, second);
        assertSame(tiers, second.tiers(onA), "cached tier array survives the new snapshot");
    }

    @Test
    void rebuildsWhenANodeMovesRack() {
        TopologyIndex first = indexes.of(TopologyGraphTest.snapshot(TopologyGraphTest.node("a", "r/z/k1"),
                TopologyGraphTest.node("b", "r/z/k1")));
        assertEquals(ProximityTier.RACK, ProximityTier.of(first.tiers(onA)[first.ordinal("b")]));

        TopologyIndex second = indexes.of(TopologyGraphTest.snapshot(TopologyGraphTest.node("a", "r/z/k1"),
                TopologyGraphTest.node("b", "r/z/k2")), List.of(first));

        assertNotSame(first, second);
        assertEquals(ProximityTier.ZONE, ProximityTier.of(second.tiers(onA)[second.ordinal("b")]));
    }

    @Test
    void rebuildsWhenANodeIsAdded() {
        TopologyIndex first = indexes.of(TopologyGraphTest.snapshot(TopologyGraphTest.node("a", "r/z/k1")));

        TopologyIndex second = indexes.of(TopologyGraphTest.snapshot(TopologyGraphTest.node("a", "r/z/k1"),
                TopologyGraphTest.node("c", "r/z/k1")), List.of(first));

        assertNotSame(first, second);
        assertEquals(-1, first.ordinal("c"));
        assertEquals(ProximityTier.RACK, ProximityTier.of(second.tiers(onA)[second.ordinal("c")]));
    }

    @Test
    void unknownReplicaNodesContributeNothing() {
        TopologyIndex index = indexes.of(TopologyGraphTest.snapshot(TopologyGraphTest.node("a", "r/z/k1")));

        byte[] tiers = index.tiers(new VolumePlacement(Set.of("gone"), Set.of(), Set.of()));

        assertEquals(ProximityTier.ELSEWHERE, ProximityTier.of(tiers[0]));
    }
}
