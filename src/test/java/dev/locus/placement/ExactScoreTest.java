package dev.locus.placement;

import static dev.locus.testing.TestCluster.GIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.locus.api.ExtenderArgs;
import dev.locus.api.PodInfo;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeInfo;
import dev.locus.config.LocusConfig;
import dev.locus.config.TierLadder;
import dev.locus.testing.TestCluster;
import dev.locus.topology.ProximityTier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fixed-point, candidate-major scoring loop against the definition in exact integer
 * arithmetic: the size-weighted mean of each counted volume's score, rounded half up, minus
 * the penalty, clamped. Random clusters with 1..9 volumes (so one, two and three passes of
 * four), nodes the snapshot does not know, both node modes. Sizes are whole GiB, so an
 * inexact mean is at least 1/(2 x 9 x 2048) from x.5, beyond the fixed point's error.
 */
class ExactScoreTest {

    private static final String[] ZONES = {"z1", "z2", "z3"};
    private static final String[] RACKS = {"k1", "k2", "k3"};
    private static final String[] POLICIES = {null, "strict", "preferred", "spread", "none"};

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8})
    void scoresAreTheRoundedWeightedMean(int seed) {
        Random random = new Random(seed);
        for (int run = 0; run < 50; run++) {
            TestCluster cluster = new TestCluster();
            List<NodeInfo> nodes = new ArrayList<>();
            for (int i = 0; i < 2 + random.nextInt(30); i++) {
                Map<String, String> annotations = random.nextInt(5) == 0
                        ? Map.of(StorageState.ANNOTATION, "degraded") : Map.of();
                cluster.node("n" + i, random.nextBoolean() ? "r1" : "r2", pick(random, ZONES), pick(random, RACKS),
                        annotations);
                nodes.add(cluster.nodeInfo("n" + i));
            }
            int volumes = 1 + random.nextInt(9);
            String[] claims = new String[volumes];
            for (int v = 0; v < volumes; v++) {
                claims[v] = "c" + v;
                String[] replicas = new String[random.nextInt(4)];
                for (int r = 0; r < replicas.length; r++) {
                    replicas[r] = nodes.get(random.nextInt(nodes.size())).name();
                }
                String policy = pick(random, POLICIES);
                cluster.volume(claims[v], (1 + random.nextInt(2048)) * GIB, null,
                        policy == null ? Map.of() : Map.of(PolicyResolver.ANNOTATION, policy), replicas);
            }
            List<NodeInfo> offered = new ArrayList<>(nodes);
            offered.add(new NodeInfo("stranger", TestCluster.labels("stranger", "r1", pick(random, ZONES),
                    pick(random, RACKS)), Map.of()));
            java.util.Collections.shuffle(offered, random);
            ClusterSnapshot snapshot = cluster.snapshot();
            PodInfo pod = TestCluster.pod(claims);
            ExtenderArgs args = random.nextBoolean() ? TestCluster.objects(pod, offered)
                    : TestCluster.names(pod, offered.stream().map(NodeInfo::name).toArray(String[]::new));
            LocusConfig config = LocusConfig.builder().degradedPenalty(random.nextInt(11)).build();
            PlacementEngine engine = TestCluster.engine(config);
            CycleState state = engine.prepare(pod, snapshot);

            assertArrayEquals(exact(config, state, Candidates.of(state, args)), engine.scores(state, args),
                    "seed " + seed + " run " + run + " " + volumes + " volumes");
        }
    }

    private static int[] exact(LocusConfig config, CycleState state, Candidates candidates) {
        ProximityScore scoring = new ProximityScore(config.tiers(), config.degradedPenalty());
        int[] scores = new int[candidates.size()];
        for (int i = 0; i < scores.length; i++) {
            long sum = 0;
            long weights = 0;
            for (PodVolume v : state.volumes()) {
                if (v.scored()) {
                    ProximityTier tier = candidates.tierOrNull(v, i);
                    sum += v.weight() * scoring.volumeScore(v.policy(), tier);
                    weights += v.weight();
                }
            }
            long mean = weights == 0 ? TierLadder.MAX : (2 * sum + weights) / (2 * weights); // half up
            long score = mean - scoring.penalty(candidates.state(i));
            scores[i] = (int) Math.max(TierLadder.MIN, Math.min(TierLadder.MAX, score));
        }
        return scores;
    }

    private static <T> T pick(Random random, T[] values) {
        return values[random.nextInt(values.length)];
    }
}
