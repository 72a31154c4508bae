package dev.locus.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeInfo;
import dev.locus.config.TopologySpec;
import dev.locus.locality.VolumePlacement;
import dev.locus.testing.TestCluster;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Cross-checks over many seeded random clusters: arrays vs JGraphT, arrays vs labels. */
class TopologyPropertyTest {

    private static final int CLUSTERS = 300;

    @Test
    void multiSourceDijkstraAgreesWithJGraphT() {
        Random random = new Random(42);
        for (int c = 0; c < CLUSTERS; c++) {
            int n = 1 + random.nextInt(25);
            List<NodeInfo> nodes = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                nodes.add(new NodeInfo("n" + i, Map.of(), Map.of()));
            }
            List<TopologySpec.Link> links = new ArrayList<>();
            int vertices = n + random.nextInt(6);
            for (int e = random.nextInt(3 * vertices); e > 0; e--) {
                int a = random.nextInt(vertices);
                int b = random.nextInt(vertices);
                if (a != b) {
                    links.add(new TopologySpec.Link(vertex(a, n), vertex(b, n), 0.5 + random.nextInt(8) / 2.0));
                }
            }
            double region = 1 + random.nextInt(12);
            TopologyGraph graph = TopologyGraph.fromSpec(new TopologySpec(Set.of(), links, 0, region / 2, region), nodes);
            int[] sources = random.ints(1 + random.nextInt(3), 0, n).distinct().toArray();

            double[] nearest = graph.nearest(sources);

            for (int v = 0; v < n; v++) {
                double expected = Double.POSITIVE_INFINITY;
                for (int s : sources) {
                    expected = Math.min(expected, graph.distance(graph.nodeName(s), graph.nodeName(v)));
                }
                double want = expected <= region ? expected : Double.POSITIVE_INFINITY;
                assertEquals(want, nearest[v], 1e-9, "cluster " + c + " node " + v + " links " + links);
            }
        }
    }

    @Test
    void labelTreeDistancesAgreeWithJGraphT() {
        Random random = new Random(11);
        String[] regions = {null, "", "r1", "r2"};
        String[] zones = {null, "", "z1", "z2"};
        String[] racks = {null, "", "k1", "k2"};
        for (int c = 0; c < CLUSTERS; c++) {
            List<NodeInfo> nodes = new ArrayList<>();
            for (int i = random.nextInt(30); i >= 0; i--) {
                nodes.add(new NodeInfo("n" + i, TestCluster.labels("n" + i, pick(random, regions), pick(random, zones),
                        pick(random, racks)), Map.of()));
            }
            TopologyGraph graph = TopologyGraph.fromLabels(nodes, TestCluster.RACK);
            int[] sources = random.ints(1 + random.nextInt(4), 0, nodes.size()).distinct().toArray();

            double[] nearest = graph.nearest(sources);

            for (int v = 0; v < nodes.size(); v++) {
                double expected = Double.POSITIVE_INFINITY;
                for (int s : sources) {
                    expected = Math.min(expected, graph.distance(graph.nodeName(s), graph.nodeName(v)));
                }
                double want = expected <= TopologySpec.DEFAULT_REGION_MAX ? expected : Double.POSITIVE_INFINITY;
                assertEquals(want, nearest[v], 1e-9, "cluster " + c + " node " + graph.nodeName(v) + " nodes " + nodes);
            }
        }
    }

    private static String vertex(int i, int nodes) {
        return i < nodes ? "n" + i : "switch-" + i;
    }

    @Test
    void labelTreeTiersAgreeWithLabelComparison() {
        Random random = new Random(7);
        String[] regions = {null, "r1", "r2"};
        String[] zones = {null, "z1", "z2", "z3"};
        String[] racks = {null, "k1", "k2"};
        for (int c = 0; c < CLUSTERS; c++) {
            ClusterSnapshot.Builder b = ClusterSnapshot.builder();
            List<NodeInfo> nodes = new ArrayList<>();
            for (int i = 1 + random.nextInt(30); i > 0; i--) {
                NodeInfo node = new NodeInfo("n" + i, TestCluster.labels("n" + i, pick(random, regions),
                        pick(random, zones), pick(random, racks)), Map.of());
                nodes.add(node);
                b.node(node);
            }
            TopologyIndex index = new TopologyIndexes(TestCluster.RACK, null).of(b.build());
            Set<String> replicas = new HashSet<>();
            for (int r = random.nextInt(4); r > 0; r--) {
                replicas.add(random.nextInt(5) == 0 ? "ghost" : nodes.get(random.nextInt(nodes.size())).name());
            }
            Set<String> confined = random.nextBoolean() ? Set.of() : Set.of("z" + (1 + random.nextInt(3)));
            VolumePlacement placement = new VolumePlacement(replicas, confined, Set.of());

            byte[] tiers = index.tiers(placement);

            for (NodeInfo node : nodes) {
                assertEquals(index.tier(placement, node.name(), node.labels()),
                        ProximityTier.of(tiers[index.ordinal(node.name())]),
                        "cluster " + c + " node " + node + " replicas " + replicas);
            }
        }
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
