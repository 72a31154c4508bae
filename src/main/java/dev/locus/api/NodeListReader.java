package dev.locus.api;

import static dev.locus.api.JsonSkip.FAIL;
import static dev.locus.api.JsonSkip.MORE;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Nodes-mode {@code ExtenderArgs} body while it arrives, without the parser for the
 * megabytes of Node objects: each Node's name, labels and annotations are read and the rest
 * of it is checked and skipped by {@link JsonSkip}.
 *
 * <p>Design: this reader only ever says yes. It answers for bodies that are plainly
 * well-formed Nodes-mode requests, and returns null for anything else (NodeNames mode, a
 * null or missing part, a duplicate Pod, bytes {@link JsonSkip} does not plainly accept, a
 * Pod the parser refuses); the caller then decodes the whole body with the parser, whose
 * answer or error stands. So every answer it gives is the parser's answer, which
 * {@code NodeListReaderTest} checks on random well-formed and mangled bodies.
 *
 * <p>Bytes are read as they arrive ({@link ArrivingBody}). A part that runs past the bytes
 * arrived so far (a Node, a key, the Pod) is read again from its start once as many new bytes
 * have come as it had taken, so a part costs work linear in its length however it arrives.
 * Nothing has arrived at first ({@code end} 0, no array yet).
 */
final class NodeListReader {

    /** Longest string read as text (names, labels, annotations), bytes: well under the parser's 20,000,000 characters. */
    static final int MAX_TEXT = 1 << 20;

    private final ArrivingBody body;
    private byte[] b;
    private int end;
    private boolean complete;

    /** The Pod's byte range, once read (a second Pod is left to the parser). */
    private int podStart = -1;
    private int podEnd;
    /** The last NodeList's items, once read; null until then (the last one wins, as with the parser). */
    private List<CandidateNode> nodes;

    /** The last Node read by {@link #node}, and its parts while it is read. */
    private CandidateNode node;
    private String name;
    private Map<String, String> labels;
    private Map<String, String> annotations;

    private NodeListReader(ArrivingBody body) {
        this.body = body;
    }

    /** The request, or null if it is not plainly a well-formed Nodes-mode body (decode it with the parser). */
    static ExtenderArgs read(ArrivingBody body) throws IOException {
        return new NodeListReader(body).read();
    }

    /** A part of the body read from an index: the index after it, {@link JsonSkip#FAIL} or {@link JsonSkip#MORE}. */
    private interface Part {
        int from(int i);
    }

    /** Reads {@code part} at {@code i}, waiting for more bytes while it needs them. */
    private int read(Part part, int i) throws IOException {
        for (;;) {
            int after = part.from(i);
            if (after != MORE) {
                return after;
            }
            if (complete) {
                return FAIL;
            }
            // wait for as many new bytes as the part has taken so far: a part read again from
            // its start each time would cost its length squared over its arrival
            ArrivingBody.Arrived arrived = body.await(end + (end - i));
            b = arrived.bytes();
            end = arrived.length();
            complete = arrived.complete();
        }
    }

    private ExtenderArgs read() throws IOException {
        int after = arrivingMembers(read(this::open, 0), this::requestMember);
        if (after == FAIL || read(this::rest, after) < 0 || podStart < 0 || nodes == null) {
            return null;
        }
        byte[] whole = body.whole();
        PodInfo pod;
        try (JsonParser p = ExtenderArgsDecoder.FACTORY.createParser(whole, podStart, podEnd - podStart)) {
            p.nextToken();
            pod = PodDecoder.decode(p);
        } catch (IOException | RuntimeException e) {
            return null; // the parser says what is wrong with it, in its place in the body
        }
        return new ExtenderArgs(pod, NodeMode.NODES, ExtenderArgsDecoder.unique(nodes), whole);
    }

    /** A member of the ExtenderArgs object: the index after its value, or {@link JsonSkip#FAIL}. */
    private int requestMember(int key, int value) throws IOException {
        if (keyIs(key, "pod")) {
            if (podStart >= 0 || b[value] != '{') {
                return FAIL; // a second Pod: the parser reads both, and either may be refused
            }
            podStart = value;
            return podEnd = read(this::skip, value);
        }
        if (keyIs(key, "nodes")) {
            return nodeList(value);
        }
        if (keyIs(key, "nodenames")) {
            return b[value] == 'n' ? read(this::skip, value) : FAIL;
        }
        return read(this::skip, value);
    }

    /** A member of an object read while the body arrives: the index after its value, or {@link JsonSkip#FAIL}. */
    private interface ArrivingMember {
        int read(int key, int value) throws IOException;
    }

    /**
     * The members of an object read while the body arrives, from its first key at {@code key}
     * (or {@link JsonSkip#FAIL}), each value read by {@code member}: the index after the
     * object, or {@link JsonSkip#FAIL}.
     */
    private int arrivingMembers(int key, ArrivingMember member) throws IOException {
        while (key >= 0) {
            int value = read(this::member, key);
            int after = value < 0 ? FAIL : member.read(key, value);
            key = after < 0 ? FAIL : read(v -> next(v, '}'), after);
        }
        return key == FAIL ? FAIL : ~key;
    }

    /** White space, the opening brace, white space: the index of the first key. */
    private int open(int i) {
        i = JsonSkip.whiteSpace(b, i, end);
        if (i >= end) {
            return MORE;
        }
        return b[i] == '{' ? first(i, '"') : FAIL;
    }

    /** After the opening bracket at {@code b[i]}: white space, then {@code first}; its index. */
    private int first(int i, char first) {
        int k = JsonSkip.whiteSpace(b, i + 1, end);
        return k >= end ? MORE : b[k] == first ? k : FAIL;
    }

    /** A value skipped: the index after it. */
    private int skip(int i) {
        return JsonSkip.value(b, i, end);
    }

    /** A key (at its quote) and its colon: the index of its value. */
    private int member(int i) {
        return JsonSkip.key(b, i, end);
    }

    /**
     * After a member or element: white space, then a comma and white space (returns the index
     * of the next key or element), or {@code close} (returns the complement of the index after it).
     */
    private int next(int i, char close) {
        i = JsonSkip.whiteSpace(b, i, end);
        if (i >= end) {
            return MORE;
        }
        if (b[i] == close) {
            return ~(i + 1);
        }
        if (b[i] != ',') {
            return FAIL;
        }
        i = JsonSkip.whiteSpace(b, i + 1, end);
        return i >= end ? MORE : i;
    }

    /** White space to the body's end. */
    private int rest(int i) {
        i = JsonSkip.whiteSpace(b, i, end);
        if (i < end) {
            return FAIL; // data after the ExtenderArgs object
        }
        return complete ? i : MORE;
    }

    /** The NodeList at {@code b[i]}: sets {@link #nodes} to its items (null without); the index after it, or FAIL. */
    private int nodeList(int i) throws IOException {
        if (b[i] != '{') {
            return FAIL;
        }
        nodes = null;
        return arrivingMembers(read(v -> first(v, '"'), i), (key, value) -> {
            if (!keyIs(key, "items")) {
                return read(this::skip, value);
            }
            if (b[value] != '[') {
                return FAIL;
            }
            nodes = new ArrayList<>(); // the last items wins, as with the parser
            return items(value, nodes);
        });
    }

    /** The items array at {@code b[i]}; returns the index after it. */
    private int items(int i, List<CandidateNode> nodes) throws IOException {
        int element = read(v -> first(v, '{'), i);
        while (element >= 0) {
            int after = read(this::node, element);
            if (after < 0) {
                return after;
            }
            nodes.add(node);
            element = read(v -> next(v, ']'), after);
            if (element == FAIL) {
                return FAIL;
            }
            if (element >= 0 && b[element] != '{') {
                return FAIL;
            }
        }
        return ~element;
    }

    /** The Node object at {@code b[start]}: sets {@link #node}, returns the index after it. */
    private int node(int start) {
        name = null;
        labels = Map.of();
        annotations = Map.of();
        int after = members(start, this::nodeMember);
        if (after < 0) {
            return after;
        }
        if (name == null || name.isEmpty()) {
            return FAIL;
        }
        node = new CandidateNode(name, labels, annotations, start, after);
        return after;
    }

    /** A Node's member whose key is at {@code b[key]} and value at {@code b[value]}: the index after the value. */
    private int nodeMember(int key, int value) {
        return keyIs(key, "metadata") ? members(value, this::metadataMember) : JsonSkip.value(b, value, end);
    }

    private int metadataMember(int key, int value) {
        if (keyIs(key, "name")) {
            if (b[value] != '"') {
                return FAIL;
            }
            int after = text(value);
            if (after >= 0) {
                name = text(value + 1, after - 1);
            }
            return after;
        }
        boolean isLabels = keyIs(key, "labels");
        if (!isLabels && !keyIs(key, "annotations")) {
            return JsonSkip.value(b, value, end);
        }
        Map<String, String> map = new HashMap<>();
        int after = members(value, (k, v) -> {
            if (b[v] != '"') {
                return FAIL;
            }
            int stop = text(v);
            if (stop >= 0) {
                map.put(text(k + 1, JsonSkip.string(b, k + 1, end) - 1), text(v + 1, stop - 1)); // the last of a key wins
            }
            return stop;
        });
        if (isLabels) {
            labels = map;
        } else {
            annotations = map;
        }
        return after;
    }

    /** A member of an object: its key's opening quote at {@code b[key]}, its value at {@code b[value]}. */
    private interface Member {
        int read(int key, int value);
    }

    /** The object at {@code b[i]}, each member read by {@code member}: the index after the object. */
    private int members(int i, Member member) {
        if (b[i] != '{') {
            return FAIL;
        }
        int key = JsonSkip.whiteSpace(b, i + 1, end);
        if (key >= end) {
            return MORE;
        }
        if (b[key] == '}') {
            return key + 1;
        }
        for (;;) {
            int value = JsonSkip.key(b, key, end);
            if (value < 0) {
                return value;
            }
            int after = member.read(key, value);
            if (after < 0) {
                return after;
            }
            key = next(after, '}');
            if (key == FAIL || key == MORE) {
                return key;
            }
            if (key < 0) {
                return ~key;
            }
        }
    }

    /**
     * Whether the checked key whose opening quote is at {@code b[i]} is {@code word} (lower-case
     * letters), ignoring case as Go does. Its bytes are compared until the first that differs;
     * only a backslash there can still make it the word (an escape), and then its text is compared.
     */
    private boolean keyIs(int i, String word) {
        int n = word.length();
        for (int k = 0; k < n; k++) {
            byte c = b[i + 1 + k];
            if ((c | 0x20) != word.charAt(k)) { // ASCII letters to lower case; the word has no other bytes
                return c == '\\' && text(i + 1, JsonSkip.string(b, i + 1, end) - 1).equalsIgnoreCase(word);
            }
        }
        return b[i + 1 + n] == '"';
    }

    /**
     * A string to be read as text, its opening quote at {@code b[i]}: the index after it. One
     * longer than {@link #MAX_TEXT} bytes is left to the parser, which refuses text past its
     * own limit.
     */
    private int text(int i) {
        int after = JsonSkip.string(b, i + 1, end);
        return after - i > MAX_TEXT ? FAIL : after;
    }

    /** The text of a checked string's contents {@code b[from..to)}, escapes decoded. */
    private String text(int from, int to) {
        int backslash = from;
        while (backslash < to && b[backslash] != '\\') {
            backslash++;
        }
        if (backslash == to) {
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1); // ASCII
        }
        StringBuilder text = new StringBuilder(to - from);
        for (int k = from; k < to; k++) {
            char c = (char) b[k];
            if (c != '\\') {
                text.append(c);
                continue;
            }
            char e = (char) b[++k];
            switch (e) {
                case 'b' -> text.append('\b');
                case 'f' -> text.append('\f');
                case 'n' -> text.append('\n');
                case 'r' -> text.append('\r');
                case 't' -> text.append('\t');
                case 'u' -> {
                    text.append((char) Integer.parseInt(new String(b, k + 1, 4, StandardCharsets.ISO_8859_1), 16));
                    k += 4;
                }
                default -> text.append(e); // " \ /
            }
        }
        return text.toString();
    }
}
