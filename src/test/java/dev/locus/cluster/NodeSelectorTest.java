package dev.locus.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NodeSelectorTest {

    private static final Map<String, String> LABELS = Map.of("zone", "a", "cores", "8");

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(textBlock = """
            zone,  In,           a b, true
            zone,  In,           b,   false
            zone,  NotIn,        b,   true
            zone,  NotIn,        a,   false
            rack,  NotIn,        a,   true
            zone,  Exists,       '',  true
            rack,  Exists,       '',  false
            rack,  DoesNotExist, '',  true
            cores, Gt,           4,   true
            cores, Gt,           8,   false
            cores, Lt,           16,  true
            cores, Lt,           x,   false
            zone,  Gt,           1,   false
            zone,  Bogus,        a,   false
            """)
    void operators(String key, String op, String values, boolean expected) {
        Set<String> set = values.isBlank() ? Set.of() : Set.of(values.split(" "));
        NodeSelector s = new NodeSelector(List.of(new NodeSelector.Term(
                List.of(new NodeSelector.Requirement(key, op, set)), List.of())));
        assertEquals(expected, s.matches("n1", LABELS));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(textBlock = """
            terms are ORed,           true
            an empty term matches nothing, false
            """)
    void termsAreOredAndEmptyTermsMatchNothing(String name, boolean orCase) {
        var miss = new NodeSelector.Term(List.of(new NodeSelector.Requirement("zone", "In", Set.of("b"))), List.of());
        var byName = new NodeSelector.Term(List.of(), List.of(new NodeSelector.Requirement("metadata.name", "In", Set.of("n1"))));
        var empty = new NodeSelector.Term(List.of(), List.of());
        NodeSelector s = new NodeSelector(orCase ? List.of(miss, byName) : List.of(empty));
        assertEquals(orCase, s.matches("n1", LABELS));
    }
}
