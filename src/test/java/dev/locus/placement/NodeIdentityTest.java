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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Node names and {@code kubernetes.io/hostname} values differ on clouds
 * ({@code ip-10-0-1-1.ec2.internal} vs {@code ip-10-0-1-1}). A PV pinned by hostname must be
 * the node carrying that hostname label for pinning, for {@code strict}, and for scores, in
 * both request modes; a node whose name happens to equal the hostname is not it.
 */
class NodeIdentityTest {

    private static final String NS = TestCluster.NS;
    private static final List<String> NODES = List.of("ip-10-0-1-1.ec2.internal", "ip-10-0-1-2.ec2.internal",
            "ip-10-0-2-1.ec2.internal", "impostor");

    private static final ClusterSnapshot CLUSTER = cluster();

    private static ClusterSnapshot cluster() {
        ClusterSnapshot.Builder b = ClusterSnapshot.builder();
        node(b, "ip-10-0-1-1.ec2.internal", "ip-10-0-1-1", "z1");
        node(b, "ip-10-0-1-2.ec2.internal", "ip-10-0-1-2", "z1");
        node(b, "ip-10-0-2-1.ec2.internal", "ip-10-0-2-1", "z2");
        node(b, "impostor", "ip-10-0-1-1-old", "z2"); // carries no hostname any PV names
        for (String policy : List.of("preferred", "strict")) {
            String claim = "local-" + policy;
            b.volume(new VolumeInfo("pv-" + claim, null, GIB, "local.csi", "pv-" + claim,
                    TestCluster.in(NodeSelector.HOSTNAME, "ip-10-0-1-1"), new ObjectKey(NS, claim), Map.of()));
            b.claim(new ClaimInfo(new ObjectKey(NS, claim), "pv-" + claim, null, GIB,
                    Map.of(PolicyResolver.ANNOTATION, policy)));
        }
        return b.build();
    }

    private static void node(ClusterSnapshot.Builder b, String name, String hostname, String zone) {
        b.node(new NodeInfo(name, Map.of(NodeSelector.HOSTNAME, hostname, NodeSelector.ZONE, zone, NodeSelector.REGION, "r"),
                Map.of()));
    }

    private static ExtenderArgs request(String mode, String claim) {
        var pod = TestCluster.pod(claim);
        if (mode.equals("names")) {
            return TestCluster.names(pod, NODES.toArray(String[]::new));
        }
        List<NodeInfo> infos = new ArrayList<>();
        NODES.forEach(n -> infos.add(CLUSTER.node(n)));
        return TestCluster.objects(pod, infos);
    }

    @ParameterizedTest(name = "{0} mode")
    @ValueSource(strings = {"names", "nodes"})
    void theNodeWithTheHostnameLabelHoldsTheData(String mode) {
        PlacementEngine engine = TestCluster.engine();
        for (String claim : List.of("local-preferred", "local-strict")) {
            ExtenderArgs args = request(mode, claim);
            CycleState state = engine.prepare(args.pod(), CLUSTER);
            FilterResult filter = engine.filter(state, args);
            assertEquals(List.of("ip-10-0-1-1.ec2.internal"), passing(filter, args), claim);
            int[] scores = engine.scores(state, args);
            // node / zone (4) / elsewhere in zone z2 with region r (2)
            assertEquals(List.of(10, 4, 2, 2), List.of(scores[0], scores[1], scores[2], scores[3]), claim);
        }
    }

    private static List<String> passing(FilterResult result, ExtenderArgs args) {
        List<String> names = new ArrayList<>();
        result.passing().stream().forEach(i -> names.add(args.name(i)));
        return names;
    }
}
