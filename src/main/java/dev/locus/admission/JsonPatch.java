package dev.locus.admission;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/**
 * An RFC 6902 patch computed from an original object and its mutated copy, as
 * controller-runtime's admission package does: the mutation is written as plain edits on a
 * copy, and the patch is whatever turns one into the other.
 *
 * <p>Design: a member present only in the copy becomes {@code add} of the whole member, so a
 * new annotation on a pod with no {@code metadata.annotations} adds the map itself. An
 * {@code add} below a missing parent is the one patch the API server refuses even under
 * {@code failurePolicy: Ignore} (the pod is then not created at all: see the
 * {@code patch-add-missing-parent} capture). Members present in both are compared
 * recursively when both are objects and replaced otherwise; arrays are replaced whole (the
 * webhook never edits inside one).
 */
public final class JsonPatch {

    private JsonPatch() {
    }

    /** The operations turning {@code original} into {@code mutated}; empty when they are equal. */
    public static ArrayNode diff(JsonNode original, JsonNode mutated) {
        ArrayNode ops = JsonNodeFactory.instance.arrayNode();
        diff("", original, mutated, ops);
        return ops;
    }

    private static void diff(String path, JsonNode original, JsonNode mutated, ArrayNode ops) {
        if (original.equals(mutated)) {
            return;
        }
        if (!original.isObject() || !mutated.isObject()) {
            op(ops, "replace", path).set("value", mutated);
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = original.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode after = mutated.get(field.getKey());
            String child = path + "/" + escape(field.getKey());
            if (after == null) {
                op(ops, "remove", child);
            } else {
                diff(child, field.getValue(), after, ops);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = mutated.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (!original.has(field.getKey())) {
                op(ops, "add", path + "/" + escape(field.getKey())).set("value", field.getValue());
            }
        }
    }

    private static ObjectNode op(ArrayNode ops, String op, String path) {
        return ops.addObject().put("op", op).put("path", path);
    }

    /** A JSON Pointer reference token (RFC 6901): {@code ~} is {@code ~0}, {@code /} is {@code ~1}. */
    static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }
}
