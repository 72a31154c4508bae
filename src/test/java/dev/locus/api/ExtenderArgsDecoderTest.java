package dev.locus.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Node lists as the decoder reads them; the rest of the codec is exercised through the HTTP tests. */
class ExtenderArgsDecoderTest {

    private static final String POD = "{\"metadata\":{\"name\":\"p\",\"namespace\":\"ns\"}}";

    @ParameterizedTest(name = "{0} names")
    @ValueSource(ints = {0, 1, 2, 3, 100, 5000})
    void readsEveryNameInOrder(int n) {
        List<String> names = IntStream.range(0, n).mapToObj(i -> "node-" + (n - i)).toList();

        ExtenderArgs args = decode(names);

        assertEquals(NodeMode.NODE_NAMES, args.mode());
        assertEquals(names, args.nodes().stream().map(CandidateNode::name).toList());
    }

    @ParameterizedTest(name = "duplicate at {0} and {1} of {2}")
    @CsvSource({"0, 1, 2", "0, 4999, 5000", "17, 18, 100", "3, 2, 4"})
    void rejectsANameOfferedTwice(int first, int second, int n) {
        List<String> names = IntStream.range(0, n).mapToObj(i -> "node-" + i).collect(Collectors.toList());
        names.set(second, names.get(first));

        BadRequestException e = assertThrows(BadRequestException.class, () -> decode(names));

        assertEquals("node " + names.get(first) + " is offered more than once", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"Aa, BB", "AaAa, BBBB"})
    void collidingHashCodesAreDistinctNames(String a, String b) {
        assertEquals(2, decode(List.of(a, b)).nodes().size());
    }

    private static ExtenderArgs decode(List<String> names) {
        String list = names.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(","));
        String body = "{\"Pod\":" + POD + ",\"Nodes\":null,\"NodeNames\":[" + list + "]}";
        return ExtenderArgsDecoder.decode(body.getBytes(StandardCharsets.UTF_8));
    }
}
