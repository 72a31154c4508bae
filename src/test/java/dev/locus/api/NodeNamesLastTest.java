package dev.locus.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * NodeNames last, as kube-scheduler writes them, are read without the parser's pass
 * ({@link OfferedNames#scanLast}); anywhere else the parser reads them. Both ways must accept
 * exactly the same arrays and read the same names: random arrays, well formed or mangled, are
 * decoded last both ways, and first (where only the parser's way applies).
 */
class NodeNamesLastTest {

    private static final String POD = "\"Pod\":{\"metadata\":{\"name\":\"p\",\"namespace\":\"ns\"}}";
    private static final String[] PIECES = {"\"n1\"", "\"node-2\"", "\"a\\\"b\"", "\"é\"", "\"\"", ",", ",", " ", "\n",
        "1", "null", "[", "]", "\"x", "\"\t\"", "\"\\u0041\"", "\"z\\\\\""};

    @Test
    void theFastWayAcceptsAndReadsWhatTheParserDoes() {
        Random random = new Random(7);
        int fast = 0;
        for (int run = 0; run < 5_000; run++) {
            String array = random.nextInt(3) == 0 ? wellFormed(random) : mangled(random);
            String tail = random.nextInt(10) == 0 ? pick(random, new String[] {" } ", "}}", "} x", "", ",\"X\":1}"}) : "}";
            String last = "{" + POD + ",\"NodeNames\":" + array + tail;
            String first = "{\"NodeNames\":" + array + "," + POD + tail;
            Object viaParser = outcome(first, true);
            assertEquals(viaParser, outcome(last, true), last);
            assertEquals(outcome(last, false), outcome(last, true), last);
            byte[] body = last.getBytes(StandardCharsets.UTF_8);
            fast += OfferedNames.scanLast(body, last.indexOf("\"NodeNames\":") + 12) != null ? 1 : 0;
        }
        assertTrue(fast > 500, "the fast way was taken " + fast + " times");
    }

    @Test
    void escapedOrNonAsciiNamesAreLeftToTheParser() {
        for (String array : new String[] {"[\"a\\\"b\"]", "[\"é\"]", "[\"a\",]", "[,\"a\"]", "[\"a\" \"b\"]", "[\"\"]"}) {
            String body = "{" + POD + ",\"NodeNames\":" + array + "}";
            assertNull(OfferedNames.scanLast(body.getBytes(StandardCharsets.UTF_8), body.indexOf('[')), array);
        }
    }

    /** The names read, or the kind of refusal. */
    private static Object outcome(String body, boolean fast) {
        try {
            ExtenderArgs args = ExtenderArgsDecoder.decode(body.getBytes(StandardCharsets.UTF_8), fast);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < args.size(); i++) {
                names.add(args.name(i));
                if (args.offeredNames() != null) { // the hash a lookup by bytes relies on
                    assertEquals(args.name(i).hashCode(), args.offeredNames().hash(i), body);
                }
            }
            return names;
        } catch (BadRequestException e) {
            return "refused";
        }
    }

    private static String wellFormed(Random random) {
        StringBuilder array = new StringBuilder("[");
        for (int i = random.nextInt(6); i > 0; i--) {
            array.append(array.length() > 1 ? "," : "").append(random.nextBoolean() ? " " : "")
                    .append(random.nextBoolean() ? "\"n" : "\"worker-node-").append(random.nextInt(1000)).append('"');
        }
        return array.append(random.nextBoolean() ? "]" : " ]").toString();
    }

    private static String mangled(Random random) {
        StringBuilder array = new StringBuilder("[");
        for (int i = random.nextInt(7); i > 0; i--) {
            array.append(pick(random, PIECES));
        }
        return array.append(random.nextInt(8) == 0 ? "" : "]").toString();
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
