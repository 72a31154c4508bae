package dev.locus.placement;

import static dev.locus.testing.TestCluster.GIB;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locus.api.ExtenderArgs;
import dev.locus.api.FilterResult;
import dev.locus.cluster.ClaimInfo;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeInfo;
import dev.locus.cluster.NodeSelector;
import dev.locus.cluster.ObjectKey;
import dev.locus.cluster.VolumeInfo;
import dev.locus.testing.TestCluster;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Node names and {@code kubernetes.io/hostname} values differ on clouds
 * ({@code ip-10-0-1-1.ec2.internal} vs {@code ip-10-0-1-1}). A PV pinned by hostname must be
 * the node carrying that hostname label for pinning, for {@code strict}, and for scores, in
 * both request modes; a node whose name happens to equal the hostname is not it. The
 * impostor, labelled with a hostname no PV names, is either named plainly or named exactly
 * like the real node's hostname (legal: the label need not be the name).
 */
class NodeIdentityTest {

    private static final String NS = TestCluster.NS;
    private static final String HOSTNAME = "ip-10-0-1-1";

    private static List<String> nodes(String impostor) {
        return List.of("ip-10-0-1-1.ec2.internal", "ip-10-0-1-2.ec2.internal", "ip-10-0-2-1.ec2.internal", impostor);
    }

    private static ClusterSnapshot cluster(String impostor) {
        ClusterSnapshot.Builder b = ClusterSnapshot.builder();
        node(b, "ip-10-0-1-1.ec2.internal", HOSTNAME, "z1");
        node(b, "ip-10-0-1-2.ec2.internal", "ip-10-0-1-2", "z1");
        node(b, "ip-10-0-2-1.ec2.internal", "ip-10-0-2-1", "z2");
        node(b, impostor, "ip-10-0-1-1-old", "z2"); // carries no hostname any PV names
        for (String policy : List.of("preferred", "strict")) {
            String claim = "local-" + policy;
            b.volume(new VolumeInfo("pv-" + claim, null, GIB, "local.csi", "pv-" + claim,
                    TestCluster.in(NodeSelector.HOSTNAME, HOSTNAME), new ObjectKey(NS, claim), Map.of()));
            b.claim(new ClaimInfo(new ObjectKey(NS, claim), "pv-" + claim, null, GIB,
                    Map.of(PolicyResolver.ANNOTATION, policy)));
        }
        return b.build();
    }

    private static void node(ClusterSnapshot.Builder b, String name, String hostname, String zone) {
        b.node(new NodeInfo(name, Map.of(NodeSelector.HOSTNAME, hostname, NodeSelector.ZONE, zone, NodeSelector.REGION, "r"),
                Map.of()));
    }

    private static ExtenderArgs request(String mode, String claim, ClusterSnapshot cluster, List<String> nodes) {
        var pod = TestCluster.pod(claim);
        if (mode.equals("names")) {
            return TestCluster.names(pod, nodes.toArray(String[]::new));
        }
        List<NodeInfo> infos = new ArrayList<>();
        nodes.forEach(n -> infos.add(cluster.node(n)));
        return TestCluster.objects(pod, infos);
    }

    static Stream<Arguments> cases() {
        return Stream.of("names", "nodes").flatMap(mode -> Stream.of("impostor", HOSTNAME)
                .flatMap(impostor -> Stream.of("local-preferred", "local-strict")
                        .map(claim -> Arguments.of(mode, impostor, claim))));
    }

    /** Only the labelled node passes (for {@code strict}, not none at all), and locality scores go to it. */
    @ParameterizedTest(name = "{0} mode, impostor named {1}, {2}")
    @MethodSource("cases")
    void theNodeWithTheHostnameLabelHoldsTheData(String mode, String impostor, String claim) {
        PlacementEngine engine = TestCluster.engine();
        ClusterSnapshot cluster = cluster(impostor);
        ExtenderArgs args = request(mode, claim, cluster, nodes(impostor));
        CycleState state = engine.prepare(args.pod(), cluster);
        FilterResult filter = engine.filter(state, args);
        assertEquals(List.of("ip-10-0-1-1.ec2.internal"), passing(filter, args));
        int[] scores = engine.scores(state, args);
        // node / zone (4) / elsewhere in zone z2 with region r (2)
        assertEquals(List.of(10, 4, 2, 2), List.of(scores[0], scores[1], scores[2], scores[3]));
    }

    private static List<String> passing(FilterResult result, ExtenderArgs args) {
        List<String> names = new ArrayList<>();
        result.passing().stream().forEach(i -> names.add(args.name(i)));
        return names;
    }
}
