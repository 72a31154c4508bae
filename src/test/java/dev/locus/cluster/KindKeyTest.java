package dev.locus.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KindKeyTest {

    static Stream<Arguments> objects() {
        return Stream.of(
                Arguments.of(KindKey.NODE, "v1", "Node", true),
                Arguments.of(KindKey.NODE, "longhorn.io/v1beta2", "Node", false),
                Arguments.of(KindKey.LONGHORN_NODE, "longhorn.io/v1beta2", "Node", true),
                Arguments.of(KindKey.LONGHORN_NODE, "longhorn.io/v1beta1", "Node", true),
                Arguments.of(KindKey.LONGHORN_NODE, "v1", "Node", false),
                Arguments.of(KindKey.LONGHORN_NODE, "longhorn.iox/v1beta2", "Node", false),
                Arguments.of(KindKey.LONGHORN_NODE, "example.com/v1", "Node", false),
                Arguments.of(KindKey.LONGHORN_NODE, "longhorn.io/v1beta2", "Replica", false),
                Arguments.of(KindKey.LONGHORN_REPLICA, null, "Replica", false),
                Arguments.of(KindKey.PERSISTENT_VOLUME, "v1", null, false),
                Arguments.of(new KindKey("storage.k8s.io", "CSINode"), "storage.k8s.io/v1", "CSINode", true));
    }

    @ParameterizedTest(name = "{0} matches {1} {2}: {3}")
    @MethodSource("objects")
    void aKeyMatchesGroupAndKindAtAnyVersion(KindKey key, String apiVersion, String kind, boolean expected) {
        assertEquals(expected, key.matches(apiVersion, kind));
    }
}
