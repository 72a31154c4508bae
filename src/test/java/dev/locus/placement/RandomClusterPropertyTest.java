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
import dev.locus.topology.ProximityTier;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties over many seeded random clusters, pods, configs and requests (both node
 * modes): scores stay within 0..10; every score equals the one a plain reference model
 * computes from explain's inputs (each volume's tier, policy and weight, the node's storage
 * state) with the configured ladder and penalty, in exact arithmetic; /filter's verdict on
 * each node (pass, reason, and which failure map) is the first rejection explain's
 * node-by-node verdicts give, and its maps are in name order; nodes with the same tiers and
 * storage state tie. Some clusters also have Longhorn volumes, Longhorn Node objects (Ready or
 * not, disks down or not, also for a node only the request knows) and a Longhorn StorageClass,
 * drawn from a second random stream so the first stream's draws stay as they were (a third of
 * the volumes, and of the unbound claims, become Longhorn ones).
 */
class RandomClusterPropertyTest {

    private static final int RUNS = 500;
    private static final String[] REGIONS = {null, "r1", "r2"};
    private static final String[] ZONES = {null, "z1", "z2", "z3"};
    private static final String[] RACKS = {null, "k1", "k2"};
    private static final String[] STATES = {null, null, null, "degraded", "down", "weird"};
    private static final String[] POLICIES = {null, null, "strict", "preferred", "spread", "none", "bogus"};
    private static final String[] LONGHORN_REASONS = {"ManagerPodDown", "KubernetesNodeNotReady", ""};

    @Test
    void scoresStayInRangeAndExplainAgrees() {
        Random random = new Random(20240601);
        Random longhorn = new Random(20251205);
        for (int run = 0; run < RUNS; run++) {
            Case c = randomCase(random, longhorn);
            PlacementEngine engine = TestCluster.engine(c.config);
            CycleState state = engine.prepare(c.pod, c.cluster);

            int[] scores = engine.scores(state, c.args);
            FilterResult filter = engine.filter(state, c.args);
            Explanation explanation = engine.explain(state, c.args);

            String where = "run " + run + " " + c;
            for (int i = 0; i < scores.length; i++) {
                Explanation.Node node = explanation.nodes().get(i);
                assertTrue(scores[i] >= 0 && scores[i] <= 10, where + ": score " + scores[i]);
                assertEquals(reference(c.config, state.noClaims(), node), scores[i], where + " node " + node.name());
                assertEquals(filter.passing().get(i), node.passed(), where + " node " + node.name());
                assertFirstRejection(filter, node, where);
                node.volumes().forEach(v -> assertTrue(v.score() == null || v.score() >= 0 && v.score() <= 10, where));
            }
            assertTiesStayEqual(state, c.args, scores, where);
            assertSorted(filter.failed().keySet(), where);
            assertSorted(filter.unresolvable().keySet(), where);
        }
    }

    /** The chain's verdict is the node's first rejection in explain's node-by-node verdicts. */
    private static void assertFirstRejection(FilterResult filter, Explanation.Node node, String where) {
        Explanation.Verdict first = node.filters().stream().filter(v -> !v.code().equals("Success")).findFirst()
                .orElse(null);
        String failed = filter.failed().get(node.name());
        String unresolvable = filter.unresolvable().get(node.name());
        assertEquals(first == null || !first.code().equals("Unschedulable") ? null : first.reason(), failed,
                where + " node " + node.name());
        assertEquals(first == null || !first.code().equals("UnschedulableAndUnresolvable") ? null : first.reason(),
                unresolvable, where + " node " + node.name());
    }

    private static void assertSorted(java.util.Set<String> names, String where) {
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(null);
        assertEquals(sorted, new ArrayList<>(names), where + ": failure map not in name order");
    }

    /**
     * The score by its definition (docs/placement.md, "Scores"), from the tier, policy and
     * weight of each volume and the storage state: the size-weighted mean of the counted
     * volumes' ladder scores (spread: 10 - ladder; none and unknown tiers do not count; 10
     * when none counts), rounded half up exactly, minus the degraded penalty, clamped to 0..10.
     */
    private static int reference(LocusConfig config, boolean noClaims, Explanation.Node node) {
        if (noClaims) {
            return 0;
        }
        int[] ladder = config.tiers().scores();
        BigInteger sum = BigInteger.ZERO;
        BigInteger weights = BigInteger.ZERO;
        for (Explanation.Volume v : node.volumes()) {
            if (v.tier() == null || v.policy().equals("none")) {
                continue;
            }
            int score = ladder[Arrays.stream(ProximityTier.values()).filter(t -> t.label().equals(v.tier()))
                    .findFirst().orElseThrow().ordinal()];
            score = v.policy().equals("spread") ? 10 - score : score;
            sum = sum.add(BigInteger.valueOf(v.weight()).multiply(BigInteger.valueOf(score)));
            weights = weights.add(BigInteger.valueOf(v.weight()));
        }
        int mean = weights.signum() == 0 ? 10 // half up: floor((2 sum + weights) / (2 weights))
                : sum.shiftLeft(1).add(weights).divide(weights.shiftLeft(1)).intValueExact();
        int penalty = node.storageState().equals("degraded") ? config.degradedPenalty() : 0;
        return Math.max(0, Math.min(10, mean - penalty));
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

    private static Case randomCase(Random random, Random longhorn) {
        TestCluster cluster = new TestCluster();
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = random.nextInt(20); i >= 0; i--) {
            String state = pick(random, STATES);
            Map<String, String> labels = new HashMap<>(TestCluster.labels("n" + i, pick(random, REGIONS),
                    pick(random, ZONES), pick(random, RACKS)));
            if (random.nextInt(5) == 0) {
                labels.put(NodeSelector.HOSTNAME, hostname(random)); // a hostname that is not the name
            }
            cluster.node(new NodeInfo("n" + i, labels, state == null ? Map.of() : Map.of(StorageState.ANNOTATION, state)));
            nodes.add(cluster.nodeInfo("n" + i));
            if (random.nextInt(3) == 0) {
                cluster.csiNode("n" + i, random.nextBoolean() ? new String[] {"topolvm.io"} : new String[] {"other"});
            }
            longhornNode(longhorn, cluster, "n" + i);
        }
        longhornNode(longhorn, cluster, "stranger");
        cluster.storageClass("wffc", "topolvm.io", "WaitForFirstConsumer", Map.of());
        cluster.storageClass("longhorn", "driver.longhorn.io", "Immediate", Map.of());
        cluster.csiDriver("topolvm.io", true);
        cluster.capacity("cap", "wffc", Map.of(NodeSelector.ZONE, "z1"), random.nextInt(20) * GIB, -1);
        List<String> claims = new ArrayList<>();
        for (int v = random.nextInt(5); v > 0; v--) {
            String claim = "c" + v;
            claims.add(claim);
            addVolume(random, longhorn, cluster, claim, nodes);
        }
        if (random.nextInt(4) == 0) {
            claims.add("missing");
        }
        String podPolicy = random.nextInt(4) == 0 ? pick(random, POLICIES) : null;
        PodInfo pod = TestCluster.pod(podPolicy == null ? Map.of() : Map.of(PolicyResolver.ANNOTATION, podPolicy),
                claims.toArray(String[]::new));
        return new Case(randomConfig(random), cluster.snapshot(), pod, randomArgs(random, pod, nodes));
    }

    /** Half the time, a Longhorn Node object for {@code node}: Ready or not, disks down or not. */
    private static void longhornNode(Random longhorn, TestCluster cluster, String node) {
        if (longhorn.nextBoolean()) {
            boolean ready = longhorn.nextInt(3) != 0;
            cluster.longhornNode(new dev.locus.cluster.LonghornNodeInfo(node, ready,
                    ready ? "" : pick(longhorn, LONGHORN_REASONS), longhorn.nextBoolean(), longhorn.nextInt(3) == 0));
        }
    }

    private static void addVolume(Random random, Random longhorn, TestCluster cluster, String claim,
                                  List<NodeInfo> nodes) {
        long size = random.nextInt(3) == 0 ? 0 : (1L + random.nextInt(2048)) * GIB;
        boolean isLonghorn = longhorn.nextInt(3) == 0;
        switch (random.nextInt(5)) {
            case 0 -> cluster.unboundClaim(claim, size, isLonghorn ? "longhorn" : "wffc");
            case 1 -> cluster.pinnedVolume(claim, size, "topolvm.io", TestCluster.in(NodeSelector.HOSTNAME,
                    random.nextInt(3) == 0 ? hostname(random) : nodes.get(random.nextInt(nodes.size())).name()));
            case 2 -> cluster.pinnedVolume(claim, size, "topolvm.io", TestCluster.in(NodeSelector.ZONE,
                    pick(random, new String[] {"z1", "z2"})));
            default -> {
                String[] replicas = new String[random.nextInt(4)];
                for (int r = 0; r < replicas.length; r++) {
                    replicas[r] = random.nextInt(6) == 0 ? "ghost" : nodes.get(random.nextInt(nodes.size())).name();
                }
                String policy = pick(random, POLICIES);
                Map<String, String> annotations = policy == null ? Map.of() : Map.of(PolicyResolver.ANNOTATION, policy);
                if (isLonghorn) {
                    cluster.longhornVolume(claim, size, annotations, replicas);
                } else {
                    cluster.volume(claim, size, null, annotations, replicas);
                }
            }
        }
    }

    /** A hostname label value: made up, or another node's name. */
    private static String hostname(Random random) {
        return random.nextBoolean() ? "h" + random.nextInt(3) : "n" + random.nextInt(20);
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
        if (!offered.isEmpty() && random.nextInt(5) == 0) {
            offered.add(offered.get(random.nextInt(offered.size()))); // the same name twice
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
