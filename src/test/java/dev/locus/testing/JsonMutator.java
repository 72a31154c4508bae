package dev.locus.testing;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Breaks a valid JSON request in the ways a broken or hostile client could: at the byte
 * level (truncation, flipped bytes, invalid UTF-8) and at the JSON level (wrong types, huge
 * numbers, deep nesting, hostile unicode, duplicate and re-cased keys, nulls everywhere).
 * Deterministic for a given {@link Random}, so a failing case can be replayed from its seed.
 */
public final class JsonMutator {

    /** The kinds of damage. */
    public enum Mutation {
        TRUNCATE, FLIP_BYTES, DROP_SLICE, REPEAT_SLICE, INVALID_UTF8,
        WRONG_TYPE, NULL_ONE, NULLS_EVERYWHERE, EMPTY_CONTAINER, HUGE_NUMBER, DEEP_NESTING,
        UNICODE_STRINGS, DUPLICATE_KEY, KEY_CASE, MANY_NODE_NAMES
    }

    /** Raw JSON text put where this string value is, after serialisation. */
    private static final String RAW = "@@LOCUS_FUZZ_RAW@@";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Paths of the values Locus reads; half the damage goes there, where a decoder bug would hide. */
    private static final Pattern READ_BY_LOCUS = Pattern.compile("(?i)^(/pod(/metadata(/(name|namespace|annotations)"
            + "(/[^/]*)?)?|/spec(/volumes(/\\d+(/(name|persistentvolumeclaim(/claimname)?|ephemeral))?)?)?)?"
            + "|/nodes(/items(/\\d+(/metadata(/(name|labels|annotations)(/[^/]*)?)?)?)?)?|/nodenames(/\\d+)?)$");
    private static final String[] NUMBERS = {"1e999999", "-1e-999999", "123456789012345678901234567890123456789",
        "-9223372036854775809", "18446744073709551616", "1" + "0".repeat(5000), "0." + "0".repeat(3000) + "1", "-0",
        "2.5e308", "NaN", "Infinity", "01", "1.", ".5", "+1"};
    private static final String[] STRINGS = {"", "\u0000", "ünïcödé-nöde", "日本語ノード", "\uD83D\uDE00", "\u202Eevil",
        "e\u0301", "\n\t\"\\/", "node-1\u0000", "a".repeat(100_000), "\uFEFFnode-1", " node-1 "};
    private static final String[] RAW_STRINGS = {"\"\\ud800\"", "\"\\udc00x\"", "\"\\u0000\"", "\"\\uZZZZ\"", "\"\\x41\""};
    private static final byte[][] BAD_UTF8 = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE2, (byte) 0x82}};

    private JsonMutator() {
    }

    public static byte[] mutate(byte[] body, Mutation mutation, Random r) {
        return switch (mutation) {
            case TRUNCATE -> Arrays.copyOf(body, r.nextInt(body.length));
            case FLIP_BYTES -> flip(body, r);
            case DROP_SLICE -> slice(body, r, false);
            case REPEAT_SLICE -> slice(body, r, true);
            case INVALID_UTF8 -> invalidUtf8(body, r);
            default -> tree(body, mutation, r);
        };
    }

    private static byte[] tree(byte[] body, Mutation mutation, Random r) {
        JsonNode root = parse(body);
        List<String> raw = new ArrayList<>();
        List<Slot> slots = slots(root);
        List<Slot> read = slots.stream().filter(s -> READ_BY_LOCUS.matcher(s.path()).matches()).toList();
        List<Slot> pool = r.nextBoolean() && !read.isEmpty() ? read : slots;
        Slot slot = pool.get(r.nextInt(pool.size()));
        switch (mutation) {
            case WRONG_TYPE -> slot.set(otherType(slot.get(), r));
            case NULL_ONE -> slot.set(NODES.nullNode());
            case NULLS_EVERYWHERE -> nullify(root, 0.1 + 0.8 * r.nextDouble(), r);
            case EMPTY_CONTAINER -> slot.set(List.of(NODES.objectNode(), NODES.arrayNode(), NODES.textNode("")).get(r.nextInt(3)));
            case HUGE_NUMBER -> slot.set(raw(raw, NUMBERS[r.nextInt(NUMBERS.length)]));
            case DEEP_NESTING -> slot.set(raw(raw, nested(new int[] {100, 199, 200, 201, 5000, 100_000}[r.nextInt(6)], r)));
            case UNICODE_STRINGS -> unicode(slots, raw, r);
            case DUPLICATE_KEY -> duplicateKey(slots, raw, r);
            case KEY_CASE -> recase(slots, r);
            case MANY_NODE_NAMES -> manyNames(root, r);
            default -> throw new IllegalArgumentException(mutation.name());
        }
        return serialise(root, raw);
    }

    /** A place in the tree: a field of an object, an element of an array, or the root. */
    private record Slot(JsonNode parent, String field, int index, JsonNode[] root, String path) {
        JsonNode get() {
            if (parent == null) {
                return root[0];
            }
            return field != null ? parent.get(field) : parent.get(index);
        }

        void set(JsonNode value) {
            if (parent == null) {
                root[0] = value;
            } else if (field != null) {
                ((ObjectNode) parent).set(field, value);
            } else {
                ((ArrayNode) parent).set(index, value);
            }
        }
    }

    /** Every slot of the tree, with its path ({@code /Pod/metadata/name}), the root first. */
    private static List<Slot> slots(JsonNode root) {
        List<Slot> slots = new ArrayList<>();
        JsonNode[] holder = {root};
        slots.add(new Slot(null, null, -1, holder, ""));
        walk(root, "", holder, slots);
        return slots;
    }

    private static void walk(JsonNode node, String path, JsonNode[] holder, List<Slot> slots) {
        if (node.isObject()) {
            node.propertyNames().iterator().forEachRemaining(f -> {
                slots.add(new Slot(node, f, -1, holder, path + "/" + f));
                walk(node.get(f), path + "/" + f, holder, slots);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                slots.add(new Slot(node, null, i, holder, path + "/" + i));
                walk(node.get(i), path + "/" + i, holder, slots);
            }
        }
    }

    private static JsonNode otherType(JsonNode current, Random r) {
        List<JsonNode> candidates = new ArrayList<>(List.of(NODES.numberNode(r.nextInt()), NODES.textNode("x"),
                NODES.booleanNode(r.nextBoolean()), NODES.arrayNode().add(1).add("a"),
                NODES.objectNode().put("a", 1), NODES.numberNode(-0.5), NODES.nullNode()));
        candidates.removeIf(c -> c.getNodeType() == current.getNodeType());
        return candidates.get(r.nextInt(candidates.size()));
    }

    private static void nullify(JsonNode node, double p, Random r) {
        List<Slot> all = slots(node);
        for (Slot slot : all.subList(1, all.size())) {
            if (r.nextDouble() < p) {
                slot.set(NODES.nullNode());
            }
        }
    }

    private static String nested(int depth, Random r) {
        boolean arrays = r.nextBoolean();
        return (arrays ? "[" : "{\"a\":").repeat(depth) + "1" + (arrays ? "]" : "}").repeat(depth);
    }

    private static void unicode(List<Slot> slots, List<String> raw, Random r) {
        List<Slot> texts = slots.stream().filter(s -> s.get().isString()).toList();
        for (int i = 0; i < 1 + r.nextInt(4) && !texts.isEmpty(); i++) {
            Slot slot = texts.get(r.nextInt(texts.size()));
            slot.set(r.nextInt(4) == 0 ? raw(raw, RAW_STRINGS[r.nextInt(RAW_STRINGS.length)])
                    : NODES.textNode(STRINGS[r.nextInt(STRINGS.length)]));
        }
    }

    /** Adds a second field with an existing key, before or after the first. */
    private static void duplicateKey(List<Slot> slots, List<String> raw, Random r) {
        List<ObjectNode> objects = slots.stream().map(Slot::get).filter(n -> n.isObject() && n.size() > 0)
                .map(ObjectNode.class::cast).toList();
        if (objects.isEmpty()) {
            return;
        }
        ObjectNode object = objects.get(r.nextInt(objects.size()));
        List<String> keys = new ArrayList<>();
        object.propertyNames().iterator().forEachRemaining(keys::add);
        String key = keys.get(r.nextInt(keys.size()));
        String placeholder = RAW + raw.size();
        raw.add(null); // the key's slot in raw: serialise() writes the key name itself
        JsonNode value = r.nextBoolean() ? NODES.nullNode() : otherType(object.get(key), r);
        ObjectNode copy = object.deepCopy();
        object.removeAll();
        if (r.nextBoolean()) {
            object.set(placeholder, value);
            object.setAll(copy);
        } else {
            object.setAll(copy);
            object.set(placeholder, value);
        }
        raw.set(raw.size() - 1, "KEY:" + key);
    }

    private static void recase(List<Slot> slots, Random r) {
        List<Slot> fields = slots.stream().filter(s -> s.field() != null).toList();
        Slot slot = fields.get(r.nextInt(fields.size()));
        ObjectNode parent = (ObjectNode) slot.parent();
        String key = slot.field();
        String other = r.nextBoolean() ? key.toLowerCase(Locale.ROOT) : key.toUpperCase(Locale.ROOT);
        JsonNode value = parent.remove(key);
        parent.set(other, value);
    }

    private static void manyNames(JsonNode root, Random r) {
        if (!root.isObject()) {
            return;
        }
        ArrayNode names = NODES.arrayNode();
        int count = 1 + r.nextInt(5_000);
        for (int i = 0; i < count; i++) {
            names.add("node-" + i);
        }
        if (r.nextInt(4) == 0) {
            names.add("node-" + r.nextInt(count)); // one name offered twice
        }
        ((ObjectNode) root).set("NodeNames", names);
        ((ObjectNode) root).putNull("Nodes");
    }

    private static JsonNode raw(List<String> raw, String text) {
        raw.add(text);
        return NODES.textNode(RAW + (raw.size() - 1));
    }

    private static byte[] serialise(JsonNode root, List<String> raw) {
        String text = JSON.writeValueAsString(root);
        for (int i = raw.size() - 1; i >= 0; i--) {
            String value = raw.get(i);
            text = value.startsWith("KEY:")
                    ? text.replace("\"" + RAW + i + "\":", JSON.writeValueAsString(value.substring(4)) + ":")
                    : text.replace("\"" + RAW + i + "\"", value);
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode parse(byte[] body) {
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("not a valid capture", e);
        }
    }

    private static byte[] flip(byte[] body, Random r) {
        byte[] out = body.clone();
        for (int i = 0; i < 1 + r.nextInt(16); i++) {
            out[r.nextInt(out.length)] = (byte) r.nextInt(256);
        }
        return out;
    }

    private static byte[] slice(byte[] body, Random r, boolean repeat) {
        int from = r.nextInt(body.length);
        int to = from + r.nextInt(Math.min(200, body.length - from) + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + (to - from));
        out.write(body, 0, repeat ? to : from);
        if (repeat) {
            out.write(body, from, to - from);
        }
        out.write(body, to, body.length - to);
        return out.toByteArray();
    }

    private static byte[] invalidUtf8(byte[] body, Random r) {
        List<Integer> quotes = new ArrayList<>();
        for (int i = 0; i < body.length; i++) {
            if (body[i] == '"') {
                quotes.add(i);
            }
        }
        int at = quotes.isEmpty() ? r.nextInt(body.length) : quotes.get(r.nextInt(quotes.size())) + 1;
        byte[] bad = BAD_UTF8[r.nextInt(BAD_UTF8.length)];
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + bad.length);
        out.write(body, 0, at);
        out.write(bad, 0, bad.length);
        out.write(body, at, body.length - at);
        return out.toByteArray();
    }
}
