package dev.locus.api;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.vertx.core.buffer.Buffer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes replies in the scheduler's PascalCase shapes, straight into a Vert.x buffer.
 *
 * <p>A Nodes-mode filter reply copies each passing node's bytes from the request rather
 * than re-serialising a model; it also lists {@code NodeNames}, which the scheduler reads
 * in NodeNames mode and ignores otherwise, so the reply is right in either mode.
 */
public final class ExtenderReplyEncoder {

    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();

    private ExtenderReplyEncoder() {
    }

    /** {@code ExtenderFilterResult} for {@code args} and its verdicts. */
    public static Buffer filter(ExtenderArgs args, FilterResult result) {
        List<CandidateNode> nodes = args.nodes();
        int estimate = 256 + nodes.size() * 48;
        if (args.mode() == NodeMode.NODES) {
            for (int i = result.passing().nextSetBit(0); i >= 0; i = result.passing().nextSetBit(i + 1)) {
                estimate += nodes.get(i).end() - nodes.get(i).start() + 1;
            }
        }
        Buffer out = Buffer.buffer(estimate);
        out.appendString("{\"Nodes\":");
        if (args.mode() == NodeMode.NODES) {
            out.appendString("{\"metadata\":{},\"items\":[");
            String sep = "";
            for (int i = result.passing().nextSetBit(0); i >= 0; i = result.passing().nextSetBit(i + 1)) {
                CandidateNode node = nodes.get(i);
                out.appendString(sep).appendBytes(args.body(), node.start(), node.end() - node.start());
                sep = ",";
            }
            out.appendString("]}");
        } else {
            out.appendString("null");
        }
        out.appendString(",\"NodeNames\":[");
        String sep = "";
        for (int i = result.passing().nextSetBit(0); i >= 0; i = result.passing().nextSetBit(i + 1)) {
            out.appendString(sep);
            string(out, nodes.get(i).name());
            sep = ",";
        }
        out.appendString("],\"FailedNodes\":");
        map(out, result.failed());
        out.appendString(",\"FailedAndUnresolvableNodes\":");
        map(out, result.unresolvable());
        return out.appendString(",\"Error\":\"\"}");
    }

    /** {@code HostPriorityList}. */
    public static Buffer priorities(List<HostPriority> priorities) {
        Buffer out = Buffer.buffer(16 + priorities.size() * 40);
        out.appendString("[");
        String sep = "";
        for (HostPriority priority : priorities) {
            out.appendString(sep).appendString("{\"Host\":");
            string(out, priority.host());
            out.appendString(",\"Score\":").appendString(Integer.toString(priority.score())).appendString("}");
            sep = ",";
        }
        return out.appendString("]");
    }

    /** The body of every non-200 reply: {@code {"Error": message}}. */
    public static Buffer error(String message) {
        Buffer out = Buffer.buffer(32 + message.length());
        out.appendString("{\"Error\":");
        string(out, message);
        return out.appendString("}");
    }

    /** A JSON object of strings, keys sorted so replies are deterministic. */
    private static void map(Buffer out, Map<String, String> map) {
        out.appendString("{");
        String sep = "";
        for (Map.Entry<String, String> e : new TreeMap<>(map).entrySet()) {
            out.appendString(sep);
            string(out, e.getKey());
            out.appendString(":");
            string(out, e.getValue());
            sep = ",";
        }
        out.appendString("}");
    }

    private static void string(Buffer out, String value) {
        out.appendByte((byte) '"').appendBytes(STRINGS.quoteAsUTF8(value)).appendByte((byte) '"');
    }
}
