package dev.locus.placement;

import static dev.locus.testing.TestCluster.GIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locus.api.PodInfo;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeInfo;
import dev.locus.cluster.NodeSelector;
import dev.locus.config.LocusConfig;
import dev.locus.testing.TestCluster;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Scores: each tier through the ladder, each policy, size weighting, penalty, normalisation. */
class ProximityScoreTest {

    /** The replica is on "rep"; one candidate per tier; "deg" is degraded and shares rep's rack. */
    static final String[] TIER_NODES = {"rep", "rack", "zone", "region", "far"};

    static TestCluster tiers() {
        return new TestCluster()
                .node("rep", "r1", "z1", "k1").node("rack", "r1", "z1", "k1").node("zone", "r1", "z1", "k2")
                .node("region", "r1", "z2", "k3").node("far", "r2", "z9", "k9")
                .node("deg", "r1", "z1", "k1", Map.of(StorageState.ANNOTATION, "degraded"));
    }

    @ParameterizedTest(name = "policy {0}, ladder {1}: {2}")
    @CsvSource({
            "preferred, '',             10 7 4 2 0",
            "strict,    '',             10 7 4 2 0",
            "spread,    '',             0 3 6 8 10",
            "none,      '',             10 10 10 10 10",
            "preferred, 9 9 5 1 0,      9 9 5 1 0",
            "spread,    9 9 5 1 0,      1 1 5 9 10",
            "preferred, 10 10 10 10 10, 10 10 10 10 10",
    })
    void eachTierThroughTheLadderUnderEachPolicy(String policy, String ladder, String expected) {
        ClusterSnapshot cluster = tiers().volume("db", GIB, null, Map.of(PolicyResolver.ANNOTATION, policy), "rep").snapshot();

        assertArrayEquals(ints(expected), scores(config(ladder, 3), cluster, TestCluster.pod("db"), TIER_NODES));
    }

    /** Scores of "rep" and "far". */
    @ParameterizedTest(name = "1 TiB on {0}, 1 GiB on {1}: rep and far score {2}")
    @CsvSource({
            "rep,  far,  10 0",    // rep (1024*10 + 1*0) / 1025 = 9.99; far (1024*0 + 1*10) / 1025 = 0.01
            "far,  rep,  0 10",
            "rack, far,  7 0",     // rep shares the big volume's rack: (1024*7 + 0) / 1025 = 6.99
    })
    void volumesCombineWeightedBySize(String bigReplica, String smallReplica, String expected) {
        ClusterSnapshot cluster = tiers().volume("big", 1024 * GIB, bigReplica).volume("small", GIB, smallReplica)
                .snapshot();

        assertArrayEquals(ints(expected), scores(LocusConfig.defaults(), cluster, TestCluster.pod("big", "small"),
                "rep", "far"));
    }

    @ParameterizedTest(name = "sizes {0} GiB / {1} GiB on rep and far: {2}")
    @CsvSource({
            "1,  1,  5 5",
            "3,  1,  8 3",   // 7.5 rounds half up; 2.5 rounds half up
            "1,  3,  3 8",
            "0,  0,  5 5",   // unstated sizes weigh alike
    })
    void sizeWeightedMeanRoundsHalfUp(long a, long b, String expected) {
        ClusterSnapshot cluster = tiers().volume("a", a * GIB, "rep").volume("b", b * GIB, "far").snapshot();

        assertArrayEquals(ints(expected), scores(LocusConfig.defaults(), cluster, TestCluster.pod("a", "b"), "rep", "far"));
    }

    @ParameterizedTest(name = "penalty {0}: degraded replica-rack node scores {1}")
    @CsvSource({"0, 7", "3, 4", "7, 0", "10, 0"})
    void degradedNodesArePenalisedNeverBelowZero(int penalty, int expected) {
        ClusterSnapshot cluster = tiers().volume("db", GIB, "rep").snapshot();

        int[] scores = scores(config("", penalty), cluster, TestCluster.pod("db"), "rack", "deg");

        assertArrayEquals(new int[] {7, expected}, scores, "deg shares rep's rack, as 'rack' does");
    }

    @Test
    void unknownLocalityScoresTenLessPenaltyAndPodsWithoutClaimsZero() {
        ClusterSnapshot cluster = tiers().snapshot();

        assertArrayEquals(new int[] {10, 7}, scores(LocusConfig.defaults(), cluster, TestCluster.pod("missing"),
                "rep", "deg"));
        assertArrayEquals(new int[] {0, 0}, scores(LocusConfig.defaults(), cluster, TestCluster.pod(), "rep", "deg"));
    }

    @Test
    void replicasOnNodesWhoseStorageIsDownDoNotAttract() {
        ClusterSnapshot cluster = tiers().node("dead", "r1", "z1", "k1", Map.of(StorageState.ANNOTATION, "down"))
                .volume("db", GIB, "dead", "far").volume("gone", GIB, "dead").snapshot();

        assertArrayEquals(new int[] {0, 10}, scores(LocusConfig.defaults(), cluster, TestCluster.pod("db"), "rack", "far"),
                "'rack' shares only the dead replica's rack");
        assertArrayEquals(new int[] {10, 10}, scores(LocusConfig.defaults(), cluster, TestCluster.pod("gone"),
                "rack", "far"), "no healthy replica at all: nothing is closer, every node neutral");
    }

    @Test
    void equallyCloseNodesTie() {
        ClusterSnapshot cluster = tiers().node("rack2", "r1", "z1", "k1").volume("a", 7 * GIB, "rep")
                .volume("b", 3 * GIB, "region").snapshot();

        int[] scores = scores(LocusConfig.defaults(), cluster, TestCluster.pod("a", "b"), "rack", "rack2");

        assertEquals(scores[0], scores[1]);
    }

    @Test
    void zonalVolumesScoreTheirZone() {
        ClusterSnapshot cluster = tiers().pinnedVolume("pd", GIB, "pd", TestCluster.in(NodeSelector.ZONE, "z1")).snapshot();

        assertArrayEquals(new int[] {4, 4, 0}, scores(LocusConfig.defaults(), cluster, TestCluster.pod("pd"),
                "rep", "zone", "region"));
    }

    @Test
    void nodesOutsideTheSnapshotScoreByRequestLabelsOrName() {
        ClusterSnapshot cluster = tiers().volume("db", GIB, "rep").snapshot();
        PodInfo pod = TestCluster.pod("db");
        PlacementEngine engine = TestCluster.engine();
        CycleState state = engine.prepare(pod, cluster);
        NodeInfo newInRack = new NodeInfo("new", TestCluster.labels("new", "r1", "z1", "k1"),
                Map.of(StorageState.ANNOTATION, "degraded"));

        assertArrayEquals(new int[] {4}, engine.scores(state, TestCluster.objects(pod, List.of(newInRack))));
        assertArrayEquals(new int[] {0}, engine.scores(state, TestCluster.names(pod, "new")));
    }

    static int[] scores(LocusConfig config, ClusterSnapshot cluster, PodInfo pod, String... nodes) {
        PlacementEngine engine = TestCluster.engine(config);
        return engine.scores(engine.prepare(pod, cluster), TestCluster.names(pod, nodes));
    }

    static LocusConfig config(String ladder, int penalty) {
        LocusConfig.Builder b = LocusConfig.builder().degradedPenalty(penalty);
        if (!ladder.isBlank()) {
            int[] tiers = ints(ladder);
            for (int t = 0; t < tiers.length; t++) {
                b.tier(t, tiers[t]);
            }
        }
        return b.build();
    }

    static int[] ints(String text) {
        return java.util.Arrays.stream(text.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
    }
}
