package dev.locus.locality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The builder merges what sources report into sets, whatever the count and repetition. */
class VolumePlacementTest {

    @ParameterizedTest(name = "{0} distinct names, each reported twice")
    @ValueSource(ints = {1, 2, 3, 4, 5, 15, 16, 17, 40})
    void namesAreDistinctWhateverTheirCount(int count) {
        List<String> names = IntStream.range(0, count).mapToObj(i -> "node-" + i).toList();
        VolumePlacement.Builder builder = new VolumePlacement.Builder();
        names.forEach(builder::replicaNode);
        names.forEach(n -> builder.replicaNode(new String(n)));
        names.forEach(builder::zone);
        VolumePlacement placement = builder.build();
        assertEquals(Set.copyOf(names), placement.replicaNodes());
        assertEquals(Set.copyOf(names), placement.zones());
        assertEquals(Set.of(), placement.regions());
    }

    @Test
    void nothingReportedIsUnknown() {
        assertSame(VolumePlacement.UNKNOWN, new VolumePlacement.Builder().build());
    }

    @Test
    void kindsStayApart() {
        VolumePlacement placement = new VolumePlacement.Builder().replicaNode("n1").zone("z1").region("r1")
                .replicaNode("n2").replicaHostname("n2").replicaHostname("h3").build();
        assertEquals(Set.of("n1", "n2"), placement.replicaNodes());
        assertEquals(Set.of("n2", "h3"), placement.replicaHostnames());
        assertEquals(Set.of("z1"), placement.zones());
        assertEquals(Set.of("r1"), placement.regions());
        assertEquals("n1,n2", placement.replicaNodes().stream().sorted().collect(Collectors.joining(",")));
    }

    @Test
    void aHostnameAloneIsKnownLocality() {
        assertEquals(false, new VolumePlacement.Builder().replicaHostname("h1").build().unknown());
    }

    @Test
    void aNullNameIsRefused() {
        assertThrows(NullPointerException.class, () -> new VolumePlacement.Builder().replicaNode(null));
    }
}
