package dev.locus.api;

import io.vertx.core.buffer.Buffer;
import java.util.BitSet;
import java.util.List;

/**
 * Encodes replies in the scheduler's PascalCase shapes into one byte array (pre-encoded
 * constants, no per-entry allocation for plain node names), wrapped as a Vert.x buffer.
 *
 * <p>A Nodes-mode filter reply echoes each passing node's bytes from the request rather
 * than re-serialising a model, by reference ({@link JsonBytes#reference}: the reply buffer
 * shares them with the request body); it also lists {@code NodeNames}, which the scheduler
 * reads in NodeNames mode and ignores otherwise, so the reply is right in either mode.
 */
public final class ExtenderReplyEncoder {

    private static final byte[] NODES_OPEN = JsonBytes.ascii("{\"Nodes\":");
    private static final byte[] NODE_LIST_OPEN = JsonBytes.ascii("{\"metadata\":{},\"items\":[");
    private static final byte[] NULL = JsonBytes.ascii("null");
    private static final byte[] NODE_NAMES = JsonBytes.ascii(",\"NodeNames\":[");
    private static final byte[] FAILED = JsonBytes.ascii("],\"FailedNodes\":");
    private static final byte[] UNRESOLVABLE = JsonBytes.ascii(",\"FailedAndUnresolvableNodes\":");
    private static final byte[] NO_ERROR = JsonBytes.ascii(",\"Error\":\"\"}");
    private static final byte[] HOST = JsonBytes.ascii("{\"Host\":");
    private static final byte[][] SCORES = new byte[HostPriority.MAX_SCORE + 1][];
    /** {@code SCORES[s]}, a comma and {@code HOST}: what lies between two names in a priority list. */
    private static final byte[][] SCORES_THEN_HOST = new byte[SCORES.length][];

    static {
        for (int s = 0; s < SCORES.length; s++) {
            SCORES[s] = JsonBytes.ascii(",\"Score\":" + s + "}");
            SCORES_THEN_HOST[s] = JsonBytes.ascii(",\"Score\":" + s + "},{\"Host\":");
        }
    }

    private ExtenderReplyEncoder() {
    }

    /** {@code ExtenderFilterResult} for {@code args} and its verdicts. */
    public static Buffer filter(ExtenderArgs args, FilterResult result) {
        BitSet passing = result.passing();
        JsonBytes out = new JsonBytes(filterSize(args, result)).append(NODES_OPEN);
        if (args.mode() == NodeMode.NODES) {
            List<CandidateNode> nodes = args.nodes();
            out.append(NODE_LIST_OPEN);
            int first = passing.nextSetBit(0);
            for (int i = first; i >= 0; i = passing.nextSetBit(i + 1)) {
                CandidateNode node = nodes.get(i);
                if (i != first) {
                    out.append(',');
                }
                out.reference(args.body(), node.start(), node.end() - node.start());
            }
            out.append(']').append('}');
        } else {
            out.append(NULL);
        }
        out.append(NODE_NAMES);
        int first = passing.nextSetBit(0);
        for (int i = first; i >= 0; i = passing.nextSetBit(i + 1)) {
            if (i != first) {
                out.append(',');
            }
            name(out, args, i);
        }
        out.append(FAILED);
        rejections(out, args, result, false);
        out.append(UNRESOLVABLE);
        rejections(out, args, result, true);
        return out.append(NO_ERROR).toBuffer();
    }

    /**
     * The filter reply's size when every name and reason needs no escaping (else the buffer
     * grows once): a 5,000-node reply is written into one array of the right size, not into
     * doubling ones whose copies would be most of what the request allocates.
     */
    private static int filterSize(ExtenderArgs args, FilterResult result) {
        BitSet passing = result.passing();
        long size = 128;
        for (int i = passing.nextSetBit(0); i >= 0; i = passing.nextSetBit(i + 1)) {
            size += nameSize(args, i) + 2; // a comma here, and one between echoed Node objects
        }
        for (int i : result.rejected()) {
            size += nameSize(args, i) + result.reason(i).length() + 4; // "name":"reason",
        }
        return (int) Math.min(size, Integer.MAX_VALUE - 16);
    }

    /** Name {@code i}'s length on the wire, quotes included, when it needs no escaping. */
    private static int nameSize(ExtenderArgs args, int i) {
        OfferedNames names = args.offeredNames();
        return (names != null ? names.length(i) : args.name(i).length()) + 2;
    }

    /** {@code HostPriorityList}. */
    public static Buffer priorities(List<HostPriority> priorities) {
        JsonBytes out = new JsonBytes(16 + priorities.size() * 48).append('[');
        for (int i = 0; i < priorities.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(HOST).string(priorities.get(i).host());
            score(out, priorities.get(i).score());
        }
        return out.append(']').toBuffer();
    }

    /**
     * {@code HostPriorityList} of the offered nodes with these scores (in request order),
     * written straight from the score array: no HostPriority, and for names decoded from
     * the request no String either.
     */
    public static Buffer priorities(ExtenderArgs args, int[] scores) {
        JsonBytes out = new JsonBytes(prioritiesSize(args, scores.length)).append('[');
        if (scores.length > 0) {
            out.append(HOST);
        }
        for (int i = 0; i < scores.length; i++) {
            name(out, args, i);
            int score = scores[i];
            if (i < scores.length - 1 && score >= 0 && score < SCORES.length) {
                out.append(SCORES_THEN_HOST[score]); // one copy for this entry's end and the next one's start
            } else {
                score(out, score);
                if (i < scores.length - 1) {
                    out.append(',').append(HOST);
                }
            }
        }
        return out.append(']').toBuffer();
    }

    /** The reply's size at most, when every name is plain; else a first guess (the buffer grows). */
    private static int prioritiesSize(ExtenderArgs args, int n) {
        OfferedNames names = args.offeredNames();
        if (names == null) {
            return 16 + n * 48;
        }
        int size = 2;
        for (int i = 0; i < n; i++) {
            size += names.length(i) + 23; // {"Host":"","Score":10} is 22 bytes, and a comma
        }
        return size;
    }

    /**
     * Offered node {@code i}'s name as a JSON string. A plain name decoded from the request
     * is copied with the quotes around it in the body: plain bytes need no escaping, so they
     * are exactly what {@link JsonBytes#string} would write.
     */
    private static void name(JsonBytes out, ExtenderArgs args, int i) {
        OfferedNames names = args.offeredNames();
        if (names != null && names.plain(i)) {
            out.append(names.body(), names.start(i) - 1, names.length(i) + 2);
        } else {
            out.string(args.name(i));
        }
    }

    private static void score(JsonBytes out, int score) {
        if (score >= 0 && score < SCORES.length) {
            out.append(SCORES[score]);
        } else {
            out.append(JsonBytes.ascii(",\"Score\":")).number(score).append('}');
        }
    }

    /** The body of every non-200 reply: {@code {"Error": message}}. */
    public static Buffer error(String message) {
        return new JsonBytes(32 + message.length()).append(JsonBytes.ascii("{\"Error\":")).string(message).append('}')
                .toBuffer();
    }

    /**
     * One failure map: the rejected candidates of one kind, already in name order, each name
     * copied from the request as the NodeNames list is. Every node a volume rules out carries
     * the same reason (one String, see {@code placement.Rejections}), so a reason equal to the
     * one before it is not escaped again but copied from the reply.
     */
    private static void rejections(JsonBytes out, ExtenderArgs args, FilterResult result, boolean unresolvable) {
        out.append('{');
        String last = null;
        int from = 0;
        int length = 0;
        boolean first = true;
        for (int i : result.rejected()) {
            if (result.isUnresolvable(i) != unresolvable) {
                continue;
            }
            if (!first) {
                out.append(',');
            }
            first = false;
            name(out, args, i);
            out.append(':');
            String reason = result.reason(i);
            if (reason == last) {
                out.copyOf(from, length);
            } else {
                from = out.size();
                out.string(reason);
                length = out.size() - from;
                last = reason;
            }
        }
        out.append('}');
    }
}
