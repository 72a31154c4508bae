package dev.locus.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes {@code ExtenderArgs} as kube-scheduler sends it, with a streaming parser.
 *
 * <p>Design: the scheduler's Go structs carry no JSON tags, so keys arrive PascalCase but
 * Go matches them case-insensitively; we do the same, and like Go the last of duplicate
 * keys wins. In Nodes mode a request can be ~90 MB for 5000 nodes, so node objects are
 * never built: the parser skips everything except {@code metadata.name}, labels and
 * annotations, and records each node's byte range so the filter reply can echo it.
 * NodeNames are kept as byte ranges of the body ({@link OfferedNames}), not Strings; when
 * they come last, as kube-scheduler writes them, the array is checked and read in one pass
 * without the parser ({@link OfferedNames#scanLast}).
 * The Pod is small and read whole by {@link PodDecoder}.
 */
public final class ExtenderArgsDecoder {

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build())
            .build();

    private ExtenderArgsDecoder() {
    }

    /** Decodes a request body; throws {@link BadRequestException} naming what is wrong. */
    public static ExtenderArgs decode(byte[] body) {
        return decode(body, true);
    }

    /**
     * Decodes a body that may still be arriving: a Nodes-mode body is read as it arrives
     * ({@link NodeListReader}); any other, or one that reader does not plainly accept, once
     * it is whole, by {@link #decode(byte[])}. The answers and errors are those of
     * {@link #decode(byte[])}.
     */
    public static ExtenderArgs decode(ArrivingBody body) {
        try {
            ExtenderArgs read = NodeListReader.read(body);
            return read != null ? read : decode(body.whole());
        } catch (IOException e) {
            throw new BadRequestException("unreadable request body: " + e.getMessage());
        }
    }

    /**
     * {@link #decode(byte[])} with the one-pass reading of NodeNames that come last
     * ({@code fast}), or without it: every byte the parser's way (tests compare the two).
     */
    static ExtenderArgs decode(byte[] body, boolean fast) {
        try (JsonParser p = FACTORY.createParser(body)) {
            return decode(p, body, fast);
        } catch (JsonProcessingException e) {
            throw new BadRequestException("malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new BadRequestException("unreadable request body: " + e.getMessage());
        }
    }

    private static ExtenderArgs decode(JsonParser p, byte[] body, boolean fast) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new BadRequestException("request body must be a JSON object (ExtenderArgs)");
        }
        PodInfo pod = null;
        List<CandidateNode> nodes = null;
        OfferedNames names = null;
        boolean ended = false;
        while (!ended && p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if ("Pod".equalsIgnoreCase(key)) {
                pod = PodDecoder.decode(p);
            } else if ("Nodes".equalsIgnoreCase(key)) {
                nodes = readNodeList(p);
            } else if ("NodeNames".equalsIgnoreCase(key)) {
                OfferedNames last = fast && p.currentToken() == JsonToken.START_ARRAY
                        ? OfferedNames.scanLast(body, (int) p.currentTokenLocation().getByteOffset()) : null;
                ended = last != null; // the array, the closing brace and the body's end are read
                names = ended ? last : readNodeNames(p, body);
            } else {
                p.skipChildren();
            }
        }
        if (!ended && p.nextToken() != null) {
            throw new BadRequestException("malformed JSON: data after the ExtenderArgs object");
        }
        if (pod == null) {
            throw new BadRequestException("missing Pod: ExtenderArgs.Pod must be a Pod object");
        }
        if (nodes != null) {
            return new ExtenderArgs(pod, NodeMode.NODES, unique(nodes), body);
        }
        if (names != null) {
            names.requireUnique();
            return new ExtenderArgs(pod, names);
        }
        throw new BadRequestException("both Nodes and NodeNames are null: the request offers no nodes");
    }

    private static List<CandidateNode> readNodeList(JsonParser p) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new BadRequestException("Nodes must be a NodeList object or null, got " + describe(p));
        }
        List<CandidateNode> nodes = new ArrayList<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if ("items".equalsIgnoreCase(key)) {
                nodes = readItems(p);
            } else {
                p.skipChildren();
            }
        }
        return nodes;
    }

    private static List<CandidateNode> readItems(JsonParser p) throws IOException {
        List<CandidateNode> nodes = new ArrayList<>();
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return nodes;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new BadRequestException("Nodes.items must be an array of Node objects, got " + describe(p));
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            nodes.add(readNode(p, nodes.size()));
        }
        return nodes;
    }

    private static CandidateNode readNode(JsonParser p, int index) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new BadRequestException("Nodes.items[" + index + "] must be a Node object, got " + describe(p));
        }
        int start = (int) p.currentTokenLocation().getByteOffset();
        String name = null;
        Map<String, String> labels = Map.of();
        Map<String, String> annotations = Map.of();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if (!"metadata".equalsIgnoreCase(key)) {
                p.skipChildren();
                continue;
            }
            if (p.currentToken() != JsonToken.START_OBJECT) {
                throw new BadRequestException("Nodes.items[" + index + "].metadata must be an object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if ("name".equalsIgnoreCase(field)) {
                    name = nodeName(p, index);
                } else if ("labels".equalsIgnoreCase(field)) {
                    labels = readStringMap(p, "Nodes.items[" + index + "].metadata.labels");
                } else if ("annotations".equalsIgnoreCase(field)) {
                    annotations = readStringMap(p, "Nodes.items[" + index + "].metadata.annotations");
                } else {
                    p.skipChildren();
                }
            }
        }
        int end = (int) p.currentLocation().getByteOffset();
        if (name == null || name.isEmpty()) {
            throw new BadRequestException("Nodes.items[" + index + "] has no metadata.name");
        }
        return new CandidateNode(name, labels, annotations, start, end);
    }

    /** A node's metadata.name: a string, or null (reported as missing by the caller). */
    private static String nodeName(JsonParser p, int index) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            // not skipped silently: the parser would read the value's insides as metadata fields
            throw new BadRequestException("Nodes.items[" + index + "].metadata.name must be a string, got "
                    + describe(p));
        }
        return p.getText();
    }

    /**
     * NodeNames without a String per name: Jackson reads through the array (validating it),
     * then {@link OfferedNames#scan} records where each name is in the body. When that finds
     * an element that is not a non-empty string, or Jackson fails, the array is read again
     * element by element so the error is the one such a reading meets first.
     */
    private static OfferedNames readNodeNames(JsonParser p, byte[] body) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new BadRequestException("NodeNames must be an array of strings or null, got " + describe(p));
        }
        int open = (int) p.currentTokenLocation().getByteOffset();
        try {
            p.skipChildren();
        } catch (JsonProcessingException e) {
            rejectElements(body, open);
            throw e;
        }
        int close = (int) p.currentLocation().getByteOffset() - 1;
        OfferedNames names = OfferedNames.scan(body, open, close);
        if (names == null) {
            rejectElements(body, open);
            throw new IllegalStateException("NodeNames at byte " + open + " scanned as invalid but read as valid");
        }
        return names;
    }

    /** Reads the array at {@code body[open]} element by element; throws at the first that is not a non-empty string. */
    private static void rejectElements(byte[] body, int open) throws IOException {
        try (JsonParser p = FACTORY.createParser(body, open, body.length - open)) {
            p.nextToken();
            for (int index = 0; p.nextToken() != JsonToken.END_ARRAY; index++) {
                if (p.currentToken() != JsonToken.VALUE_STRING || p.getTextLength() == 0) {
                    throw new BadRequestException("NodeNames[" + index + "] must be a non-empty string, got "
                            + describe(p));
                }
            }
        }
    }

    /** Reads a JSON object of string values (labels, annotations); null reads as empty. */
    static Map<String, String> readStringMap(JsonParser p, String what) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return Map.of();
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw new BadRequestException(what + " must be an object of strings, got " + describe(p));
        }
        Map<String, String> map = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            if (p.nextToken() != JsonToken.VALUE_STRING) {
                throw new BadRequestException(what + "[\"" + key + "\"] must be a string, got " + describe(p));
            }
            map.put(key, p.getText());
        }
        return map;
    }

    /**
     * Rejects a name offered twice. An open-addressing table of the names themselves, at
     * most half full: a HashSet would allocate an entry per node (5000 per request).
     */
    static List<CandidateNode> unique(List<CandidateNode> nodes) {
        String[] seen = new String[Integer.highestOneBit(Math.max(4, nodes.size() * 2 - 1)) << 1];
        int mask = seen.length - 1;
        int shift = 32 - Integer.numberOfTrailingZeros(seen.length);
        for (CandidateNode node : nodes) {
            String name = node.name();
            int slot = (name.hashCode() * 0x9E3779B9) >>> shift; // Fibonacci hashing: names are often sequential
            while (seen[slot] != null) {
                if (seen[slot].equals(name)) {
                    throw new BadRequestException("node " + name + " is offered more than once");
                }
                slot = (slot + 1) & mask;
            }
            seen[slot] = name;
        }
        return nodes;
    }

    /** A short description of the current token for error messages. */
    static String describe(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }
}
