package dev.locus.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import tools.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NodeNames decoded as byte ranges of the body: every name reads back as the streaming parser
 * reads it (escapes, non-ASCII, whitespace), plain ones are exactly their bytes, duplicates
 * and bad elements are rejected with the same messages as before, replies are byte for byte
 * what the HostPriority path writes.
 */
class OfferedNamesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ExtenderArgs decode(String json) {
        return ExtenderArgsDecoder.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ExtenderArgs names(String array) {
        return decode("{\"Pod\": {}, \"NodeNames\": " + array + "}");
    }

    static Stream<Arguments> arrays() {
        return Stream.of(
                Arguments.of("[\"node-1\",\"node-2\"]", List.of("node-1", "node-2"), List.of(true, true)),
                Arguments.of("[ \"a\" ,\n\t\"b\" \r]", List.of("a", "b"), List.of(true, true)),
                Arguments.of("[\"n\\u002d1\", \"n-2\"]", List.of("n-1", "n-2"), List.of(false, true)),
                Arguments.of("[\"n\\\"q\", \"back\\\\slash\"]", List.of("n\"q", "back\\slash"), List.of(false, false)),
                Arguments.of("[\"nœud\", \"plain\"]", List.of("nœud", "plain"), List.of(false, true)),
                Arguments.of("[\"tab\\t\", \"del\u007f\"]", List.of("tab\t", "del\u007f"), List.of(false, false)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("arrays")
    void namesReadBackAsTheParserReadsThem(String array, List<String> expected, List<Boolean> plain) {
        OfferedNames names = names(array).offeredNames();

        assertEquals(expected.size(), names.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), names.name(i));
            assertEquals(expected.get(i).hashCode(), names.hash(i));
            assertEquals(plain.get(i), names.plain(i));
            if (names.plain(i)) {
                assertEquals(expected.get(i), new String(names.body(), names.start(i), names.length(i),
                        StandardCharsets.US_ASCII));
            }
        }
    }

    @Test
    void emptyArraysHaveNoNames() {
        assertEquals(0, names("[]").size());
        assertEquals(0, names("[ \n ]").size());
        assertEquals("[]", ExtenderReplyEncoder.priorities(names("[]"), new int[0]).toString(StandardCharsets.UTF_8));
    }

    @Test
    void scoresOutsideTheRangeAreWrittenAsTheyAre() {
        ExtenderArgs args = names("[\"a\", \"b\", \"c\", \"d\"]");
        int[] scores = {11, -1, 10, 12};
        List<HostPriority> list = List.of(new HostPriority("a", 11), new HostPriority("b", -1),
                new HostPriority("c", 10), new HostPriority("d", 12));

        assertEquals(ExtenderReplyEncoder.priorities(list).toString(StandardCharsets.UTF_8),
                ExtenderReplyEncoder.priorities(args, scores).toString(StandardCharsets.UTF_8));
    }

    /** Random names from an alphabet with quotes, backslashes, control and non-ASCII characters, escaped or not. */
    @Test
    void randomNamesAgreeWithJackson() throws Exception {
        Random random = new Random(7);
        String alphabet = "ab-.0\"\\\t\u007fé€\uD83D\uDE00";
        for (int run = 0; run < 300; run++) {
            List<String> expected = new ArrayList<>();
            StringBuilder array = new StringBuilder("[");
            int count = 1 + random.nextInt(20);
            for (int i = 0; i < count; i++) {
                StringBuilder name = new StringBuilder("n" + i);
                for (int k = random.nextInt(6); k > 0; k--) {
                    name.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                            random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
                }
                expected.add(name.toString());
                String literal = random.nextBoolean() ? JSON.writeValueAsString(name.toString())
                        : asUnicodeEscapes(name.toString());
                array.append(i == 0 ? "" : random.nextBoolean() ? "," : " ,\n ").append(literal);
            }
            String json = array.append("]").toString();
            ExtenderArgs args = names(json);

            assertEquals(expected, args.nodes().stream().map(CandidateNode::name).toList(), json);
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i).hashCode(), args.offeredNames().hash(i), json);
            }
            String reply = ExtenderReplyEncoder.priorities(args, new int[expected.size()]).toString(StandardCharsets.UTF_8);
            List<HostPriority> list = expected.stream().map(n -> new HostPriority(n, 0)).toList();
            assertEquals(ExtenderReplyEncoder.priorities(list).toString(StandardCharsets.UTF_8), reply, json);
        }
    }

    private static String asUnicodeEscapes(String name) {
        StringBuilder out = new StringBuilder("\"");
        name.chars().forEach(c -> out.append(String.format("\\u%04x", c)));
        return out.append('"').toString();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "[\"a\", \"b\", \"a\"]          | node a is offered more than once",
            "[\"ab\", \"a\\u0062\"]         | node ab is offered more than once",
            "[\"a\\u0062\", \"ab\"]         | node ab is offered more than once",
            "[\"Aa\", \"BB\", \"Aa\"]       | node Aa is offered more than once",
            "[\"nœud\", \"n\\u0153ud\"]     | node nœud is offered more than once",
            "[\"a\", 1]                    | NodeNames[1] must be a non-empty string, got a number",
            "[\"a\", \"\"]                 | NodeNames[1] must be a non-empty string, got a string",
            "[\"a\", null, \"b\"]          | NodeNames[1] must be a non-empty string, got null",
            "[\"a\", [\"b\"]]              | NodeNames[1] must be a non-empty string, got an array",
            "[{\"a\": 1}]                  | NodeNames[0] must be a non-empty string, got an object",
            "[\"a\", true, }               | NodeNames[1] must be a non-empty string, got a boolean",
            "\"a\"                         | NodeNames must be an array of strings or null, got a string",
    })
    void rejectsWithTheMessagesOfTheElementByElementReading(String array, String message) {
        BadRequestException e = assertThrows(BadRequestException.class, () -> names(array));

        assertEquals(message, e.getMessage());
    }

    /** The uniqueness table is the thread's own and reused: what a larger request left in it never counts. */
    @Test
    void duplicatesAreFoundWhateverTheRequestBeforeLeftInTheTable() {
        String many = IntStream.range(0, 3_000).mapToObj(i -> "\"n" + i + "\"").collect(Collectors.joining(",", "[", "]"));
        for (int round = 0; round < 3; round++) {
            assertEquals(3_000, names(many).size());
            assertEquals(3, names("[\"n0\", \"n1\", \"n2\"]").size());
            assertEquals("node n1 is offered more than once", assertThrows(BadRequestException.class,
                    () -> names("[\"n1\", \"n2\", \"n1\"]")).getMessage());
        }
    }

    @Test
    void malformedArraysAreMalformedJson() {
        BadRequestException e = assertThrows(BadRequestException.class, () -> names("[\"a\", }"));

        assertTrue(e.getMessage().startsWith("malformed JSON: "), e.getMessage());
    }

    @Test
    void errorsElsewhereComeBeforeDuplicates() {
        assertEquals("malformed JSON: data after the ExtenderArgs object", assertThrows(BadRequestException.class,
                () -> decode("{\"Pod\": {}, \"NodeNames\": [\"a\", \"a\"]} {}")).getMessage());
        assertEquals("missing Pod: ExtenderArgs.Pod must be a Pod object", assertThrows(BadRequestException.class,
                () -> decode("{\"NodeNames\": [\"a\", \"a\"]}")).getMessage());
    }

    @Test
    void theLastNodeNamesWinsButEveryOneIsChecked() {
        assertEquals(List.of("c"), decode("{\"Pod\": {}, \"NodeNames\": [\"a\", \"a\"], \"nodenames\": [\"c\"]}")
                .nodes().stream().map(CandidateNode::name).toList());
        assertEquals("NodeNames[0] must be a non-empty string, got a number", assertThrows(BadRequestException.class,
                () -> decode("{\"Pod\": {}, \"NodeNames\": [1], \"nodenames\": [\"c\"]}")).getMessage());
    }

    @Test
    void nodesModeWinsAndIgnoresTheNames() {
        ExtenderArgs args = decode("{\"Pod\": {}, \"NodeNames\": [\"a\", \"a\"],"
                + " \"Nodes\": {\"items\": [{\"metadata\": {\"name\": \"x\", \"labels\": {\"k\": \"v\"}}}]}}");

        assertEquals(NodeMode.NODES, args.mode());
        assertNull(args.offeredNames());
        assertEquals(1, args.size());
        assertEquals("x", args.name(0));
        assertEquals(Map.of("k", "v"), args.nodes().get(0).labels());
    }

    @Test
    void theCandidateListIsMadeOnDemandAndOnce() {
        ExtenderArgs args = names("[\"b\", \"a\\u0062\"]");

        assertNotNull(args.offeredNames());
        assertEquals(NodeMode.NODE_NAMES, args.mode());
        assertEquals(List.of(CandidateNode.named("b"), CandidateNode.named("ab")), args.nodes());
        assertTrue(args.nodes() == args.nodes());
        assertNull(args.nodes().get(0).labels());
        assertFalse(args.offeredNames().plain(1));
    }

    @Test
    void filterRepliesCopyPlainNamesAndEscapeTheRest() {
        ExtenderArgs args = names("[\"a\", \"n\\\"1\", \"b\\u00e9\"]");
        java.util.BitSet all = new java.util.BitSet();
        all.set(0, 3);

        String reply = ExtenderReplyEncoder.filter(args, FilterResult.of(args, all, Map.of(), Map.of()))
                .toString(StandardCharsets.UTF_8);

        assertEquals("{\"Nodes\":null,\"NodeNames\":[\"a\",\"n\\\"1\",\"bé\"],\"FailedNodes\":{},"
                + "\"FailedAndUnresolvableNodes\":{},\"Error\":\"\"}", reply);
    }
}
