package dev.locus.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeInfo;
import dev.locus.config.TopologySpec;
import dev.locus.locality.VolumePlacement;
import dev.locus.testing.TestCluster;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The label tree: distances, tiers, and graceful collapse of missing levels. */
class TopologyGraphTest {

    /** Labels as "region/zone/rack", "-" for an absent level. */
    @ParameterizedTest(name = "{0} vs {1}: distance {2}, {3}")
    @CsvSource({
            "r1/z1/k1, r1/z1/k1, 2, RACK",
            "r1/z1/k1, r1/z1/k2, 4, ZONE",
            "r1/z1/-,  r1/z1/k2, 4, ZONE",
            "r1/z1/-,  r1/z1/-,  4, ZONE",
            "r1/z1/k1, r1/z2/k1, 6, REGION",
            "r1/z1/k1, r1/z2/k9, 6, REGION",
            "r1/-/-,   r1/z2/k9, 6, REGION",
            "r1/-/-,   r1/-/-,   6, REGION",
            "r1/z1/k1, r2/z1/k1, 8, ELSEWHERE",
            "-/-/-,    -/-/-,    8, ELSEWHERE",
            "r1/-/k1,  r1/-/k1,  2, RACK",
            "-/-/k1,   -/-/k1,   2, RACK",
            "-/z1/k1,  -/z1/k2,  4, ZONE",
            "-/z1/k1,  -/z2/k1,  8, ELSEWHERE",
            "r1/z1/k1, r1/-/k1,  6, REGION",
            "r1/z1/k1, -/z1/k1,  8, ELSEWHERE",
    })
    void labelTreeDistanceAndTier(String a, String b, double distance, ProximityTier tier) {
        NodeInfo na = node("a", a);
        NodeInfo nb = node("b", b);
        TopologyIndex index = new TopologyIndexes(TestCluster.RACK, null).of(snapshot(na, nb));
        VolumePlacement replicaOnB = new VolumePlacement(Set.of("b"), Set.of(), Set.of());

        assertEquals(distance, index.graph().distance("a", "b"), "JGraphT shortest path");
        assertEquals(tier, ProximityTier.of(index.tiers(replicaOnB)[index.ordinal("a")]), "precomputed tier array");
        assertEquals(tier, index.tier(replicaOnB, "a", na.labels()), "label path for nodes outside the index");
        assertEquals(ProximityTier.NODE, ProximityTier.of(index.tiers(replicaOnB)[index.ordinal("b")]));
    }

    @ParameterizedTest(name = "zones {0} regions {1}: {2}")
    @CsvSource({
            "z1, '',  ZONE",
            "'', r1,  REGION",
            "z9, r1,  REGION",
            "z9, r9,  ELSEWHERE",
    })
    void confinementToZoneOrRegionCountsWithoutReplicaNodes(String zone, String region, ProximityTier tier) {
        NodeInfo na = node("a", "r1/z1/k1");
        TopologyIndex index = new TopologyIndexes(TestCluster.RACK, null).of(snapshot(na));
        VolumePlacement zonal = new VolumePlacement(Set.of(), zone.isEmpty() ? Set.of() : Set.of(zone),
                region.isEmpty() ? Set.of() : Set.of(region));

        assertEquals(tier, ProximityTier.of(index.tiers(zonal)[index.ordinal("a")]));
        assertEquals(tier, index.tier(zonal, "other", na.labels()));
    }

    /** A weighted graph with a shortcut the tree could not express, and a node the file does not mention. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({
            "n1, NODE",
            "n2, RACK",      // n1-s1-n2 = 2
            "n3, ZONE",      // n1-s1-s2-n3 = 1+3+1 = 5, but the shortcut n1-n3 costs 4.5: still zone
            "n4, REGION",    // n1-s1-s2-n4 = 1+3+2 = 6
            "n5, ELSEWHERE", // n1-...-s3-n5 = 1+3+2+1 = 7 > 6
            "n6, ELSEWHERE", // not in the file: unreachable
    })
    void weightedTopologyMapsShortestPathToTiers(String node, ProximityTier tier) {
        TopologySpec spec = new TopologySpec(Set.of("s1", "s2", "s3"), List.of(
                link("n1", "s1", 1), link("n2", "s1", 1), link("s1", "s2", 3), link("n3", "s2", 1),
                link("n1", "n3", 9), link("n1", "n3", 4.5), link("n4", "s2", 2), link("s2", "s3", 2),
                link("n5", "s3", 1)), 2, 5, 6);
        ClusterSnapshot cluster = snapshot(node("n1", "-/-/-"), node("n2", "-/-/-"), node("n3", "-/-/-"),
                node("n4", "-/-/-"), node("n5", "-/-/-"), node("n6", "-/-/-"));
        TopologyIndex index = new TopologyIndexes(TestCluster.RACK, spec).of(cluster);

        byte[] tiers = index.tiers(new VolumePlacement(Set.of("n1"), Set.of(), Set.of()));

        assertEquals(tier, ProximityTier.of(tiers[index.ordinal(node)]));
        assertEquals(4.5, index.graph().distance("n1", "n3"), "the cheaper of two repeated links counts");
    }

    private static TopologySpec.Link link(String a, String b, double cost) {
        return new TopologySpec.Link(a, b, cost);
    }

    static NodeInfo node(String name, String spec) {
        String[] parts = spec.trim().split("/");
        return new NodeInfo(name, TestCluster.labels(name, level(parts[0]), level(parts[1]), level(parts[2])), Map.of());
    }

    private static String level(String s) {
        return s.equals("-") ? null : s;
    }

    static ClusterSnapshot snapshot(NodeInfo... nodes) {
        ClusterSnapshot.Builder b = ClusterSnapshot.builder();
        for (NodeInfo n : nodes) {
            b.node(n);
        }
        return b.build();
    }
}
