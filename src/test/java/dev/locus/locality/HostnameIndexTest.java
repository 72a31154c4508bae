package dev.locus.locality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeInfo;
import dev.locus.cluster.NodeSelector;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostname values are read by the {@code kubernetes.io/hostname} label, node names by name,
 * never one as the other. The cluster: {@code same} (labelled same), {@code a} (labelled
 * {@code b}), {@code b} (labelled {@code b-old}), {@code twin-1} and {@code twin-2} (both
 * labelled {@code twin}), {@code bare} (no hostname label).
 */
class HostnameIndexTest {

    private static final HostnameIndex INDEX = HostnameIndex.of(cluster());

    private static ClusterSnapshot cluster() {
        ClusterSnapshot.Builder b = ClusterSnapshot.builder();
        node(b, "same", "same");
        node(b, "a", "b");
        node(b, "b", "b-old");
        node(b, "twin-1", "twin");
        node(b, "twin-2", "twin");
        b.node(new NodeInfo("bare", Map.of(), Map.of()));
        return b.build();
    }

    private static void node(ClusterSnapshot.Builder b, String name, String hostname) {
        b.node(new NodeInfo(name, Map.of(NodeSelector.HOSTNAME, hostname), Map.of()));
    }

    static Stream<Arguments> hostnames() {
        return Stream.of(
                Arguments.of("its own node's name", "same", Set.of("same")),
                Arguments.of("another node's label: that node, not the node named so", "b", Set.of("a")),
                Arguments.of("a label only: the node carrying it", "b-old", Set.of("b")),
                Arguments.of("two nodes' label: both", "twin", Set.of("twin-1", "twin-2")),
                Arguments.of("the name of a node labelled otherwise: no node", "a", Set.of()),
                Arguments.of("the name of a node without the label: no node", "bare", Set.of()),
                Arguments.of("nobody's name or label: kept, the kubelet default", "gone", Set.of("gone")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostnames")
    void aHostnameStandsForTheNodesLabelledWithIt(String description, String hostname, Set<String> nodes) {
        VolumePlacement placement = new VolumePlacement.Builder().replicaHostname(hostname).zone("z1").build();
        VolumePlacement named = INDEX.byName(placement);
        assertEquals(new VolumePlacement(nodes, Set.of("z1"), Set.of()), named);
        assertEquals(Set.of(), named.replicaHostnames());
    }

    @Test
    void namesAndHostnamesOfOneVolumeEachKeepTheirMeaning() {
        VolumePlacement placement = new VolumePlacement.Builder().replicaNode("b").replicaHostname("b")
                .replicaNode("same").build();
        assertEquals(Set.of("a", "b", "same"), INDEX.byName(placement).replicaNodes());
    }

    @Test
    void aPlacementWithoutHostnamesIsReturnedAsItIs() {
        VolumePlacement placement = new VolumePlacement.Builder().replicaNode("b").replicaNode("gone").build();
        assertSame(placement, INDEX.byName(placement));
        assertSame(VolumePlacement.UNKNOWN, INDEX.byName(VolumePlacement.UNKNOWN));
    }

    @Test
    void labelledIsByLabelOnly() {
        assertEquals(Set.of("a"), INDEX.labelled("b"));
        assertEquals(Set.of("same"), INDEX.labelled("same"));
        assertEquals(Set.of("twin-1", "twin-2"), INDEX.labelled("twin"));
        for (String none : Arrays.asList("a", "bare", "gone")) {
            assertEquals(Set.of(), INDEX.labelled(none), none);
        }
    }
}
