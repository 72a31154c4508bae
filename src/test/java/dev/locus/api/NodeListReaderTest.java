package dev.locus.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link NodeListReader} reads Nodes-mode bodies without the parser; whatever it answers must
 * be the parser's answer ({@link ExtenderArgsDecoder#decode(byte[])}), and it must answer for
 * the bodies kube-scheduler really sends.
 */
class NodeListReaderTest {

    @Test
    void readsEveryGenuineNodesModeBodyItself() throws IOException {
        List<Path> captures = Fixtures.requests().stream().filter(p -> p.toString().contains("nccfalse")).toList();
        assertFalse(captures.isEmpty());
        for (Path capture : captures) {
            byte[] body = Fixtures.bytes(capture);
            ExtenderArgs read = NodeListReader.read(ArrivingBody.of(body));
            assertNotNull(read, capture + " was left to the parser");
            assertEquals(outcome(ExtenderArgsDecoder.decode(body)), outcome(read), capture.toString());
        }
    }

    @Test
    void leavesNodeNamesBodiesToTheParser() throws IOException {
        for (Path capture : Fixtures.requests().stream().filter(p -> p.toString().contains("ncctrue")).toList()) {
            byte[] body = Fixtures.bytes(capture);
            assertNull(NodeListReader.read(ArrivingBody.of(body)), capture.toString());
            assertEquals(outcome(ExtenderArgsDecoder.decode(body)),
                    outcome(ExtenderArgsDecoder.decode(ArrivingBody.of(body))), capture.toString());
        }
    }

    @Test
    void readsABodyAsItArrivesInPieces() throws Exception {
        Random random = new Random(3);
        for (Path capture : Fixtures.requests().stream().filter(p -> p.toString().contains("nccfalse")).toList()) {
            byte[] body = Fixtures.bytes(capture);
            Object expected = outcome(ExtenderArgsDecoder.decode(body));
            for (int run = 0; run < 5; run++) {
                Pieces pieces = new Pieces(body, random.nextLong());
                CompletableFuture<Void> sender = CompletableFuture.runAsync(pieces::send);
                assertEquals(expected, outcome(ExtenderArgsDecoder.decode(pieces)), capture.toString());
                sender.get(10, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aBodyThatNeverCompletesIsRefused() {
        byte[] body = Fixtures.bytes(Fixtures.requests().stream()
                .filter(p -> p.toString().contains("nccfalse")).findFirst().orElseThrow());
        ArrivingBody cut = have -> {
            if (have >= body.length / 2) {
                throw new IOException("the request body did not arrive in full");
            }
            return new ArrivingBody.Arrived(body, body.length / 2, false);
        };
        BadRequestException e = assertThrows(BadRequestException.class, () -> ExtenderArgsDecoder.decode(cut));
        assertTrue(e.getMessage().contains("did not arrive in full"), e.getMessage());
    }

    /** Random bodies, well formed or mangled a byte or two: the same answer or the same refusal. */
    @Test
    void answersWhatTheParserAnswers() {
        Random random = new Random(11);
        int readHere = 0;
        int wellFormed = 0;
        for (int run = 0; run < 20_000; run++) {
            String text = new Bodies(random).body();
            byte[] body = text.getBytes(StandardCharsets.UTF_8);
            boolean mangle = random.nextInt(3) > 0;
            if (mangle) {
                body = mangle(body, random);
            } else {
                wellFormed++;
            }
            Object viaParser = outcome(body, false);
            Object viaReader = outcome(body, true);
            byte[] shown = body;
            assertEquals(viaParser, viaReader, () -> new String(shown, StandardCharsets.UTF_8));
            try {
                readHere += !mangle && NodeListReader.read(ArrivingBody.of(body)) != null ? 1 : 0;
            } catch (BadRequestException e) {
                // a name offered twice: refused alike both ways (above)
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        }
        assertTrue(readHere > wellFormed / 3, "read without the parser: " + readHere + " of " + wellFormed);
    }

    /** Values the parser refuses, or accepts, at the edges of the grammar: the same answer both ways. */
    @Test
    void edgesOfTheGrammar() {
        String[] refused = {"01", "-", "1.", ".5", "1e", "1e+", "+1", "-01", "0x1", "\"\\x\"", "\"\\u12G4\"", "\"\\u12\"",
            "tru", "nul", "fals", "truex", "[1,]", "{\"a\":1,}", "{\"a\" 1}", "{\"a\":1 \"b\":2}", "[1 2]", "\"a\u0001b\"",
            "\"tab\there\"", "{a:1}", "'a'", "[", "{", "]", "NaN", "Infinity", "1" + "0".repeat(1_200), "\"\\", "/* c */1",
            "[".repeat(250) + "]".repeat(250), "{\"" + "k".repeat(60_000) + "\":1}"};
        String[] accepted = {"0", "-0", "1.5e-7", "1E+2", "-0.0e0", "\"\\u00e9\\ud83d\\ude00\"", "\"\\/\\b\\f\\n\\r\\t\"",
            "\"é\"", "[[[[[]]]]]", "{\"\":{}}", " \t\r\n 1 ", "1" + "0".repeat(120), "[" .repeat(70) + "]".repeat(70)};
        for (String[] values : new String[][] {refused, accepted}) {
            for (String value : values) {
                for (String place : new String[] {"\"spec\":%s", "\"metadata\":{\"name\":\"n\",\"uid\":%s}",
                        "\"metadata\":{\"name\":\"n\",\"labels\":{\"k\":%s}}"}) {
                    String body = "{\"Pod\":{\"metadata\":{\"name\":\"p\"}},\"Nodes\":{\"items\":[{\"metadata\":{\"name\":\"m\"}},{"
                            + place.formatted(value) + (place.startsWith("\"spec") ? ",\"metadata\":{\"name\":\"n\"}" : "")
                            + "}]},\"NodeNames\":null}";
                    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    assertEquals(outcome(bytes, false), outcome(bytes, true), body);
                    if (values == refused) {
                        assertTrue(outcome(bytes, true) instanceof String, body);
                    }
                }
            }
        }
    }

    /** The parser refuses text over 20,000,000 characters where it reads it (a name, a label, an annotation). */
    @Test
    void textPastTheParsersLimitIsRefusedAlike() {
        String huge = "x".repeat(20_000_001);
        for (String metadata : new String[] {"\"name\":\"" + huge + "\"", "\"name\":\"n\",\"annotations\":{\"a\":\"" + huge + "\"}"}) {
            byte[] body = ("{\"Pod\":{},\"Nodes\":{\"items\":[{\"metadata\":{" + metadata + "}}]},\"NodeNames\":null}")
                    .getBytes(StandardCharsets.US_ASCII);
            Object refused = outcome(body, false);
            assertTrue(refused instanceof String && ((String) refused).contains("String value length"), refused::toString);
            assertEquals(refused, outcome(body, true));
        }
    }

    private static Object outcome(byte[] body, boolean arriving) {
        try {
            return outcome(arriving ? ExtenderArgsDecoder.decode(ArrivingBody.of(body)) : ExtenderArgsDecoder.decode(body));
        } catch (BadRequestException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static Object outcome(ExtenderArgs args) {
        return List.of(args.pod(), args.mode(), args.mode() == NodeMode.NODES ? args.nodes() : List.of(), args.size());
    }

    private static byte[] mangle(byte[] body, Random random) {
        byte[] interesting = ",:{}[]\"\\ a01-.eEtnux\t\u0001\u007f".getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = body;
        for (int n = 1 + random.nextInt(2); n > 0; n--) {
            int at = random.nextInt(out.length);
            byte b = random.nextInt(8) == 0 ? (byte) 0xC3 : interesting[random.nextInt(interesting.length)];
            switch (random.nextInt(3)) {
                case 0 -> out = concat(Arrays.copyOf(out, at), Arrays.copyOfRange(out, at + 1, out.length));
                case 1 -> out = concat(Arrays.copyOf(out, at), new byte[] {b}, Arrays.copyOfRange(out, at, out.length));
                default -> {
                    out = out.clone();
                    out[at] = b;
                }
            }
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] part : parts) {
            n += part.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    /** A body delivered in random pieces from another thread, into an array that grows by copying, as BodyReader's does. */
    private static final class Pieces implements ArrivingBody {
        private final byte[] body;
        private final Random random;
        private byte[] data = new byte[16];
        private int length;

        Pieces(byte[] body, long seed) {
            this.body = body;
            this.random = new Random(seed);
        }

        void send() {
            while (true) {
                int n;
                synchronized (this) {
                    if (length == body.length) {
                        return;
                    }
                    n = Math.min(body.length - length, 1 + random.nextInt(random.nextBoolean() ? 7 : 3_000));
                    if (length + n > data.length) {
                        data = Arrays.copyOf(data, Math.max(data.length * 2, length + n));
                    }
                    System.arraycopy(body, length, data, length, n);
                    length += n;
                    notifyAll();
                }
                Thread.onSpinWait();
            }
        }

        @Override
        public synchronized Arrived await(int have) throws IOException {
            while (length <= have && length < body.length) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
            }
            return new Arrived(data, length, length == body.length);
        }
    }

    /** Random Nodes-mode bodies: keys in any case and order, escapes, white space, values of every kind. */
    private static final class Bodies {
        private static final String[] STRINGS = {"a", "worker-1", "a\\\"b", "\\u0041\\u00e9", "tab\\there", "", "x/y\\/z",
            "{\\\"k\\\":\\\"v\\\"}", "\\\\", "\\n"};
        private static final String[] NUMBERS = {"0", "-1", "12.5", "1e5", "-0.0", "3E-2", "1E+2", "110", "203070420"};
        private final Random random;

        Bodies(Random random) {
            this.random = random;
        }

        String body() {
            StringBuilder b = new StringBuilder("{");
            String pod = key("Pod") + ws() + ":" + ws() + "{\"metadata\":{\"name\":\"p\",\"namespace\":\"ns\"},"
                    + "\"spec\":{\"volumes\":[{\"name\":\"v\",\"persistentVolumeClaim\":{\"claimName\":\"c" + random.nextInt(3)
                    + "\"}}]}}";
            String nodes = key("Nodes") + ":" + ws() + nodeList();
            String names = key("NodeNames") + ":" + ws() + "null";
            List<String> members = new java.util.ArrayList<>(List.of(pod, nodes, names));
            if (random.nextInt(4) == 0) {
                members.add("\"Other\":" + value(2));
            }
            java.util.Collections.shuffle(members, random);
            b.append(ws()).append(String.join("," + ws(), members)).append(ws()).append('}').append(ws());
            return ws() + b;
        }

        private String nodeList() {
            StringBuilder b = new StringBuilder("{\"metadata\":{\"resourceVersion\":\"7\"},").append(key("items")).append(":[");
            int n = 1 + random.nextInt(4);
            for (int i = 0; i < n; i++) {
                b.append(i > 0 ? "," + ws() : "").append(node(i));
            }
            return b.append(ws()).append("]}").toString();
        }

        private String node(int i) {
            StringBuilder metadata = new StringBuilder("{").append(key("name")).append(":\"")
                    .append(random.nextInt(5) == 0 ? "n\\u002d" : "n-").append(random.nextInt(3) == 0 ? i % 2 : i).append('"');
            if (random.nextBoolean()) {
                metadata.append(',').append(key("labels")).append(':').append(stringMap());
            }
            if (random.nextBoolean()) {
                metadata.append(',').append(key("annotations")).append(':').append(stringMap());
            }
            if (random.nextBoolean()) {
                metadata.append(",\"uid\":").append(value(3));
            }
            metadata.append('}');
            List<String> members = new java.util.ArrayList<>(List.of(key("metadata") + ":" + ws() + metadata));
            for (int k = random.nextInt(3); k > 0; k--) {
                members.add("\"" + pick(new String[] {"spec", "status", "k\\u0065y", "x"}) + "\"" + ws() + ":" + ws() + value(4));
            }
            java.util.Collections.shuffle(members, random);
            return "{" + ws() + String.join("," + ws(), members) + ws() + "}";
        }

        private String stringMap() {
            StringBuilder b = new StringBuilder("{");
            for (int k = random.nextInt(4); k > 0; k--) {
                b.append(b.length() > 1 ? "," : "").append('"').append(pick(STRINGS)).append(random.nextInt(3)).append("\":")
                        .append(ws()).append('"').append(pick(STRINGS)).append('"');
            }
            return b.append('}').toString();
        }

        private String value(int depth) {
            int kind = random.nextInt(depth > 0 ? 7 : 5);
            return switch (kind) {
                case 0 -> "\"" + pick(STRINGS) + "\"";
                case 1 -> pick(NUMBERS);
                case 2 -> pick(new String[] {"true", "false", "null"});
                case 3, 4 -> "\"" + pick(STRINGS) + pick(STRINGS) + "\"";
                case 5 -> {
                    StringBuilder b = new StringBuilder("{");
                    for (int k = random.nextInt(4); k > 0; k--) {
                        b.append(b.length() > 1 ? "," : "").append(ws()).append('"').append(pick(STRINGS)).append('"')
                                .append(ws()).append(':').append(ws()).append(value(depth - 1));
                    }
                    yield b.append(ws()).append('}').toString();
                }
                default -> {
                    StringBuilder b = new StringBuilder("[");
                    for (int k = random.nextInt(4); k > 0; k--) {
                        b.append(b.length() > 1 ? "," : "").append(ws()).append(value(depth - 1));
                    }
                    yield b.append(ws()).append(']').toString();
                }
            };
        }

        /** A key as Go matches it: any case. */
        private String key(String name) {
            return "\"" + switch (random.nextInt(5)) {
                case 0 -> name.toLowerCase(java.util.Locale.ROOT);
                case 1 -> name.toUpperCase(java.util.Locale.ROOT);
                case 2 -> String.format("\\u%04x", (int) name.charAt(0)) + name.substring(1); // an escape Go decodes too
                default -> name;
            } + "\"";
        }

        private String ws() {
            return random.nextInt(4) == 0 ? pick(new String[] {" ", "\n", "\t ", "\r\n  "}) : "";
        }

        private String pick(String[] choices) {
            return choices[random.nextInt(choices.length)];
        }
    }
}
