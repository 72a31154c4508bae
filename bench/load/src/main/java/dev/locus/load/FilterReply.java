package dev.locus.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * What kube-scheduler takes from an ExtenderFilterResult, read with a streaming parser so a
 * 30 MB Nodes-mode reply is not turned into a tree: keys match case-insensitively (Go's
 * decoder); in NodeNames mode the passing nodes are {@code NodeNames}, in Nodes mode the
 * names of {@code Nodes.items}; a non-empty {@code Error} fails the cycle.
 *
 * @param passing nodes that passed, in reply order
 * @param error   the reply's {@code Error}, empty when none
 */
public record FilterReply(List<String> passing, String error) {

    private static final JsonFactory FACTORY = new JsonFactory();

    /** Parses {@code reply} as the scheduler would in {@code mode}. */
    public static FilterReply parse(byte[] reply, NodeMode mode) {
        try (JsonParser parser = FACTORY.createParser(reply)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("filter reply is not a JSON object");
            }
            List<String> passing = new ArrayList<>();
            String error = "";
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                JsonToken value = parser.nextToken();
                if (key.equalsIgnoreCase("Error") && value == JsonToken.VALUE_STRING) {
                    error = parser.getText();
                } else if (mode == NodeMode.NAMES && key.equalsIgnoreCase("NodeNames") && value == JsonToken.START_ARRAY) {
                    while (parser.nextToken() == JsonToken.VALUE_STRING) {
                        passing.add(parser.getText());
                    }
                } else if (mode == NodeMode.NODES && key.equalsIgnoreCase("Nodes") && value == JsonToken.START_OBJECT) {
                    readNodeList(parser, passing);
                } else {
                    parser.skipChildren();
                }
            }
            return new FilterReply(List.copyOf(passing), error);
        } catch (IOException e) {
            throw new IllegalArgumentException("undecodable filter reply: " + e.getMessage(), e);
        }
    }

    /** Inside a NodeList object: collects {@code items[].metadata.name}. */
    private static void readNodeList(JsonParser parser, List<String> passing) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            if (key.equalsIgnoreCase("items") && value == JsonToken.START_ARRAY) {
                while (parser.nextToken() == JsonToken.START_OBJECT) {
                    passing.add(nodeName(parser));
                }
            } else {
                parser.skipChildren();
            }
        }
    }

    /** Inside one Node object: its {@code metadata.name}; consumes the object. */
    private static String nodeName(JsonParser parser) throws IOException {
        String name = "";
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            JsonToken value = parser.nextToken();
            if (key.equalsIgnoreCase("metadata") && value == JsonToken.START_OBJECT) {
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String field = parser.currentName();
                    if (parser.nextToken() == JsonToken.VALUE_STRING && field.equalsIgnoreCase("name")) {
                        name = parser.getText();
                    } else {
                        parser.skipChildren();
                    }
                }
            } else {
                parser.skipChildren();
            }
        }
        return name;
    }
}
