package dev.locus.api;

import io.vertx.core.buffer.Buffer;

/**
 * Encodes an {@link Explanation}:
 *
 * <pre>
 * {"Pod": "ns/name", "Nodes": [{"Name": "node-a1", "Passed": true,
 *   "Filters": [{"Plugin": "StrictLocality", "Code": "Success", "Reason": ""}, ...],
 *   "Volumes": [{"Claim": "ns/data", "Volume": "pv-1", "Policy": "preferred", "Tier": "rack",
 *                "Score": 7, "Weight": 107374182400}, ...],
 *   "StorageState": "healthy", "Penalty": 0, "Score": 7}, ...],
 *  "Warnings": ["no replica node of volume pv-1 (claim ns/data) was offered ..."]}
 * </pre>
 */
public final class ExplanationEncoder {


    private ExplanationEncoder() {
    }

    public static Buffer encode(Explanation explanation) {
        Buffer out = Buffer.buffer(256 + explanation.nodes().size() * 512);
        out.appendString("{\"Pod\":");
        string(out, explanation.pod());
        out.appendString(",\"Nodes\":[");
        String sep = "";
        for (Explanation.Node node : explanation.nodes()) {
            out.appendString(sep);
            node(out, node);
            sep = ",";
        }
        out.appendString("],\"Warnings\":[");
        sep = "";
        for (String warning : explanation.warnings()) {
            out.appendString(sep);
            string(out, warning);
            sep = ",";
        }
        return out.appendString("]}");
    }

    private static void node(Buffer out, Explanation.Node node) {
        out.appendString("{\"Name\":");
        string(out, node.name());
        out.appendString(",\"Passed\":").appendString(Boolean.toString(node.passed())).appendString(",\"Filters\":[");
        String sep = "";
        for (Explanation.Verdict v : node.filters()) {
            out.appendString(sep).appendString("{\"Plugin\":");
            string(out, v.plugin());
            out.appendString(",\"Code\":");
            string(out, v.code());
            out.appendString(",\"Reason\":");
            string(out, v.reason());
            out.appendString("}");
            sep = ",";
        }
        out.appendString("],\"Volumes\":[");
        sep = "";
        for (Explanation.Volume v : node.volumes()) {
            out.appendString(sep).appendString("{\"Claim\":");
            string(out, v.claim());
            out.appendString(",\"Volume\":");
            string(out, v.volume());
            out.appendString(",\"Policy\":");
            string(out, v.policy());
            out.appendString(",\"Tier\":");
            string(out, v.tier());
            out.appendString(",\"Score\":").appendString(String.valueOf(v.score()))
                    .appendString(",\"Weight\":").appendString(Long.toString(v.weight())).appendString("}");
            sep = ",";
        }
        out.appendString("],\"StorageState\":");
        string(out, node.storageState());
        out.appendString(",\"Penalty\":").appendString(Integer.toString(node.penalty()))
                .appendString(",\"Score\":").appendString(Integer.toString(node.score())).appendString("}");
    }

    /** A JSON string, or null. */
    private static void string(Buffer out, String value) {
        if (value == null) {
            out.appendString("null");
            return;
        }
        out.appendByte((byte) '"').appendBytes(JsonBytes.quoteAsUtf8(value)).appendByte((byte) '"');
    }
}
