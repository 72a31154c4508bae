package dev.locus.placement;

import static dev.locus.testing.TestCluster.GIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locus.api.ExtenderArgs;
import dev.locus.api.ExtenderArgsDecoder;
import dev.locus.api.ExtenderReplyEncoder;
import dev.locus.api.PodInfo;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.testing.TestCluster;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Candidates resolved from a decoded request's bytes agree with candidates resolved from
 * Strings: same ordinals, scores, filter verdicts and explanations, for plain names, escaped
 * names, non-ASCII names and names the snapshot does not know, in both node modes.
 */
class DecodedNamesTest {

    private static final String POD = "{\"metadata\": {\"name\": \"pod\", \"namespace\": \"ns\"}, \"spec\": {\"volumes\": ["
            + "{\"name\": \"a\", \"persistentVolumeClaim\": {\"claimName\": \"db\"}},"
            + "{\"name\": \"b\", \"persistentVolumeClaim\": {\"claimName\": \"logs\"}}]}}";

    /** JSON literals of the offered names and the names they decode to. */
    private static final List<String> LITERALS = List.of("\"rep\"", "\"r\\u0061ck\"", "\"zone\"", "\"n\\u0153ud\"",
            "\"nœud-2\"", "\"stranger\"", "\"far\"", "\"deg\"", "\"str\\\"ange\"");
    private static final String[] NAMES = {"rep", "rack", "zone", "nœud", "nœud-2", "stranger", "far", "deg", "str\"ange"};

    private static ClusterSnapshot cluster() {
        return ProximityScoreTest.tiers().node("nœud", "r1", "z1", "k2").node("nœud-2", "r2", "z9", "k9")
                .volume("db", 10 * GIB, "rep").volume("logs", GIB, "far").snapshot();
    }

    @ParameterizedTest(name = "degraded penalty {0}")
    @ValueSource(ints = {0, 3})
    void nodeNamesFromBytesAgreeWithNamesFromStrings(int penalty) {
        PlacementEngine engine = TestCluster.engine(dev.locus.config.LocusConfig.builder().degradedPenalty(penalty)
                .build());
        ClusterSnapshot cluster = cluster();
        byte[] body = ("{\"Pod\": " + POD + ", \"NodeNames\": [" + String.join(", ", LITERALS) + "]}")
                .getBytes(StandardCharsets.UTF_8);
        ExtenderArgs decoded = ExtenderArgsDecoder.decode(body);
        PodInfo pod = decoded.pod();
        ExtenderArgs strings = TestCluster.names(pod, NAMES);
        CycleState state = engine.prepare(pod, cluster);

        assertArrayEquals(Candidates.of(state, strings).ordinals(), Candidates.of(state, decoded).ordinals());
        assertEquals(-1, Candidates.of(state, decoded).ordinals()[5], "stranger is not in the snapshot");
        int[] scores = engine.scores(state, decoded);
        assertArrayEquals(engine.scores(state, strings), scores);
        assertEquals(ExtenderReplyEncoder.priorities(engine.prioritize(state, strings)).toString(),
                ExtenderReplyEncoder.priorities(decoded, scores).toString());
        assertEquals(engine.filter(state, strings).toString(), engine.filter(state, decoded).toString());
        assertEquals(ExtenderReplyEncoder.filter(strings, engine.filter(state, strings)).toString(),
                ExtenderReplyEncoder.filter(decoded, engine.filter(state, decoded)).toString());
        assertEquals(engine.explain(state, strings), engine.explain(state, decoded));
    }

    @ParameterizedTest(name = "degraded penalty {0}")
    @ValueSource(ints = {0, 3})
    void nodesModeFromBytesAgreesWithNodeObjects(int penalty) {
        PlacementEngine engine = TestCluster.engine(dev.locus.config.LocusConfig.builder().degradedPenalty(penalty)
                .build());
        ClusterSnapshot cluster = cluster();
        StringBuilder items = new StringBuilder();
        for (int i = 0; i < LITERALS.size(); i++) {
            String annotations = NAMES[i].equals("far") ? ", \"annotations\": {\"" + StorageState.ANNOTATION
                    + "\": \"degraded\"}" : "";
            items.append(i == 0 ? "" : ",").append("{\"metadata\": {\"name\": ").append(LITERALS.get(i))
                    .append(", \"labels\": {\"topology.kubernetes.io/zone\": \"z1\"}").append(annotations).append("}}");
        }
        byte[] body = ("{\"Pod\": " + POD + ", \"Nodes\": {\"items\": [" + items + "]}}").getBytes(StandardCharsets.UTF_8);
        ExtenderArgs decoded = ExtenderArgsDecoder.decode(body);
        CycleState state = engine.prepare(decoded.pod(), cluster);
        ExtenderArgs objects = TestCluster.objects(decoded.pod(), decoded.nodes().stream()
                .map(n -> new dev.locus.cluster.NodeInfo(n.name(), n.labels(), n.annotations())).toList());

        int[] scores = engine.scores(state, decoded);
        assertArrayEquals(engine.scores(state, objects), scores);
        assertEquals(ExtenderReplyEncoder.priorities(engine.prioritize(state, objects)).toString(),
                ExtenderReplyEncoder.priorities(decoded, scores).toString());
        assertEquals(Map.of(StorageState.ANNOTATION, "degraded"), decoded.nodes().get(6).annotations());
    }
}
