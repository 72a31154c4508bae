package dev.locus.placement;

import static dev.locus.testing.TestCluster.GIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.api.Explanation;
import dev.locus.api.ExtenderArgs;
import dev.locus.api.FilterResult;
import dev.locus.api.PodInfo;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeInfo;
import dev.locus.cluster.NodeSelector;
import dev.locus.config.LocusConfig;
import dev.locus.testing.TestCluster;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties over many seeded random clusters, pods, configs and requests (both node
 * modes): scores stay within 0..10; explain agrees with /filter and /prioritize; nodes with
 * the same tiers and storage state tie.
 */
class RandomClusterPropertyTest {

    private static final int RUNS = 500;
    private static final String[] REGIONS = {null, "r1", "r2"};
    private static final String[] ZONES = {null, "z1", "z2", "z3"};
    private static final String[] RACKS = {null, "k1", "k2"};
    private static final String[] STATES = {null, null, null, "degraded", "down", "weird"};
    private static final String[] POLICIES = {null, null, "strict", "preferred", "spread", "none", "bogus"};

    @Test
    void scoresStayInRangeAndExplainAgrees() {
        Random random = new Random(20240601);
        for (int run = 0; run < RUNS; run++) {
            Case c = randomCase(random);
            PlacementEngine engine = TestCluster.engine(c.config);
            CycleState state = engine.prepare(c.pod, c.cluster);

            int[] scores = engine.scores(state, c.args);
            FilterResult filter = engine.filter(state, c.args);
            Explanation explanation = engine.explain(state, c.args);

            String where = "run " + run + " " + c;
            for (int i = 0; i < scores.length; i++) {
                Explanation.Node node = explanation.nodes().get(i);
                assertTrue(scores[i] >= 0 && scores[i] <= 10, where + ": score " + scores[i]);
                assertEquals(scores[i], node.score(), where);
                assertEquals(filter.passing().get(i), node.passed(), where + " node " + node.name());
                node.volumes().forEach(v -> assertTrue(v.score() == null || v.score() >= 0 && v.score() <= 10, where));
            }
            assertTiesStayEqual(state, c.args, scores, where);
        }
    }

    private static void assertTiesStayEqual(CycleState state, ExtenderArgs args, int[] scores, String where) {
        Candidates candidates = Candidates.of(state, args);
        Map<List<Object>, Integer> seen = new HashMap<>();
        for (int i = 0; i < scores.length; i++) {
            List<Object> key = new ArrayList<>();
            for (PodVolume v : state.volumes()) {
                key.add(candidates.tierOrNull(v, i));
            }
            key.add(candidates.state(i));
            Integer previous = seen.putIfAbsent(key, scores[i]);
            assertTrue(previous == null || previous == scores[i], where + ": equal inputs " + key + ", unequal scores");
        }
    }

    private record Case(LocusConfig config, ClusterSnapshot cluster, PodInfo pod, ExtenderArgs args) {
        @Override
        public String toString() {
            return cluster + " pod " + pod + " nodes " + args.nodes().stream().map(n -> n.name()).toList();
        }
    }

    private static Case randomCase(Random random) {
        TestCluster cluster = new TestCluster();
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = random.nextInt(20); i >= 0; i--) {
            String state = pick(random, STATES);
            cluster.node("n" + i, pick(random, REGIONS), pick(random, ZONES), pick(random, RACKS),
                    state == null ? Map.of() : Map.of(StorageState.ANNOTATION, state));
            nodes.add(cluster.nodeInfo("n" + i));
        }
        cluster.storageClass("wffc", "topolvm.io", "WaitForFirstConsumer", Map.of());
        cluster.csiDriver("topolvm.io", true);
        cluster.capacity("cap", "wffc", Map.of(NodeSelector.ZONE, "z1"), random.nextInt(20) * GIB, -1);
        List<String> claims = new ArrayList<>();
        for (int v = random.nextInt(5); v > 0; v--) {
            String claim = "c" + v;
            claims.add(claim);
            addVolume(random, cluster, claim, nodes);
        }
        if (random.nextInt(4) == 0) {
            claims.add("missing");
        }
        String podPolicy = random.nextInt(4) == 0 ? pick(random, POLICIES) : null;
        PodInfo pod = TestCluster.pod(podPolicy == null ? Map.of() : Map.of(PolicyResolver.ANNOTATION, podPolicy),
                claims.toArray(String[]::new));
        return new Case(randomConfig(random), cluster.snapshot(), pod, randomArgs(random, pod, nodes));
    }

    private static void addVolume(Random random, TestCluster cluster, String claim, List<NodeInfo> nodes) {
        long size = random.nextInt(3) == 0 ? 0 : (1L + random.nextInt(2048)) * GIB;
        switch (random.nextInt(4)) {
            case 0 -> cluster.unboundClaim(claim, size, "wffc");
            case 1 -> cluster.pinnedVolume(claim, size, "topolvm.io",
                    TestCluster.in(NodeSelector.HOSTNAME, nodes.get(random.nextInt(nodes.size())).name()));
            default -> {
                String[] replicas = new String[random.nextInt(4)];
                for (int r = 0; r < replicas.length; r++) {
                    replicas[r] = random.nextInt(6) == 0 ? "ghost" : nodes.get(random.nextInt(nodes.size())).name();
                }
                String policy = pick(random, POLICIES);
                cluster.volume(claim, size, null, policy == null ? Map.of() : Map.of(PolicyResolver.ANNOTATION, policy),
                        replicas);
            }
        }
    }

    private static LocusConfig randomConfig(Random random) {
        LocusConfig.Builder b = LocusConfig.builder().degradedPenalty(random.nextInt(11));
        int previous = 10;
        for (int t = 0; t < 5; t++) {
            previous = random.nextInt(previous + 1);
            b.tier(t, previous);
        }
        return b.build();
    }

    private static ExtenderArgs randomArgs(Random random, PodInfo pod, List<NodeInfo> nodes) {
        List<NodeInfo> offered = new ArrayList<>();
        for (NodeInfo node : nodes) {
            if (random.nextInt(4) != 0) {
                offered.add(node);
            }
        }
        if (random.nextBoolean()) {
            offered.add(new NodeInfo("stranger", TestCluster.labels("stranger", pick(random, REGIONS),
                    pick(random, ZONES), pick(random, RACKS)), Map.of()));
        }
        return random.nextBoolean() ? TestCluster.objects(pod, offered)
                : TestCluster.names(pod, offered.stream().map(NodeInfo::name).toArray(String[]::new));
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
