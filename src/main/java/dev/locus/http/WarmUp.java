package dev.locus.http;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.locus.api.ArrivingBody;
import dev.locus.api.ExtenderArgs;
import dev.locus.api.ExtenderArgsDecoder;
import dev.locus.api.ExtenderReplyEncoder;
import dev.locus.cluster.ClaimInfo;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeInfo;
import dev.locus.placement.CycleState;
import dev.locus.placement.PlacementEngine;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the request path on requests made from the snapshot before Locus reports ready, so the
 * JIT has compiled it when kube-scheduler's first calls arrive.
 *
 * <p>Design: a cold JVM answers the first few thousand requests several times slower (the
 * decoder, filters, scoring and encoder run interpreted, then in C1), and kube-scheduler's
 * cycle waits on every answer: right after a restart it scheduled pods at about half the rate
 * of a warm Locus. The warm-up decodes, places and encodes NodeNames requests offering every
 * node (up to 5,000) for pods that mount the snapshot's bound claims, and a Nodes-mode request
 * every tenth pair, exactly as the handlers do, but in process: no HTTP, so nothing is counted
 * in the request metrics and TLS settings do not matter. It stops after {@link #PAIRS}
 * filter + prioritize pairs or {@link #BUDGET_MILLIS}, whichever comes first.
 */
final class WarmUp {

    /** Filter + prioritize pairs: enough for C2 to compile the per-request and per-node paths. */
    static final int PAIRS = 2_000;
    /** Longest warm-up, ms: a slow or crowded machine reports ready after this even if not all pairs ran. */
    static final long BUDGET_MILLIS = 10_000;
    /** Most names offered per request: kube-scheduler's tested maximum cluster size. */
    static final int MAX_NAMES = 5_000;
    /** Node objects per Nodes-mode request: enough to compile the decoder's loops, small enough to be quick. */
    static final int NODE_OBJECTS = 100;
    /** Claims per warm-up pod: the pods the corpus holds mount 1-4. */
    static final int CLAIMS_PER_POD = 3;

    private static final JsonStringEncoder JSON = JsonStringEncoder.getInstance();

    private WarmUp() {
    }

    /** Warms up on {@code snapshot}; returns the pairs run (0 when it has no node or no bound claim). */
    static int run(PlacementEngine engine, ClusterSnapshot snapshot) {
        List<String> names = snapshot.nodes().stream().map(NodeInfo::name).sorted().limit(MAX_NAMES).toList();
        List<ClaimInfo> claims = snapshot.claims().stream().filter(ClaimInfo::bound).limit(PAIRS).toList();
        if (names.isEmpty() || claims.isEmpty()) {
            return 0;
        }
        String offered = ",\"Nodes\":null,\"NodeNames\":[" + String.join(",", names.stream().map(WarmUp::quoted).toList())
                + "]}";
        String objects = ",\"Nodes\":{\"metadata\":{},\"items\":[" + String.join(",", snapshot.nodes().stream()
                .limit(NODE_OBJECTS).map(WarmUp::nodeObject).toList()) + "]},\"NodeNames\":null}";
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BUDGET_MILLIS);
        int pairs = 0;
        while (pairs < PAIRS && System.nanoTime() < deadline) {
            String pod = "{\"Pod\":" + pod(claims, pairs);
            boolean nodesMode = pairs % 10 == 9;
            byte[] body = (pod + (nodesMode ? objects : offered)).getBytes(StandardCharsets.UTF_8);
            filter(engine, snapshot, decode(body, nodesMode));
            prioritize(engine, snapshot, decode(body, nodesMode));
            pairs++;
        }
        return pairs;
    }

    /**
     * Decodes as the server does: a Nodes-mode body the way one of 1 MiB or more is read (the
     * Node objects without the parser, {@code BodyReader.STREAM_FROM}), which is how real
     * Nodes-mode bodies past ~170 nodes are read.
     */
    private static ExtenderArgs decode(byte[] body, boolean nodesMode) {
        return nodesMode ? ExtenderArgsDecoder.decode(ArrivingBody.of(body)) : ExtenderArgsDecoder.decode(body);
    }

    /** What {@code ExtenderServer.filter} does, without the deadline and metrics. */
    private static void filter(PlacementEngine engine, ClusterSnapshot snapshot, ExtenderArgs args) {
        CycleState state = engine.prepare(args.pod(), snapshot);
        ExtenderReplyEncoder.filter(args, engine.filter(state, args));
    }

    /** What {@code ExtenderServer.prioritize} does, without the deadline and metrics. */
    private static void prioritize(PlacementEngine engine, ClusterSnapshot snapshot, ExtenderArgs args) {
        CycleState state = engine.prepare(args.pod(), snapshot);
        ExtenderReplyEncoder.priorities(args, engine.scores(state, args));
    }

    /** Pod {@code i}: claims i, i+1, .. of the list, in the first one's namespace, as kube-scheduler sends a Pod. */
    private static String pod(List<ClaimInfo> claims, int i) {
        ClaimInfo first = claims.get(i % claims.size());
        StringBuilder volumes = new StringBuilder();
        for (int k = 0; k < CLAIMS_PER_POD; k++) {
            ClaimInfo claim = claims.get((i + k) % claims.size());
            if (k > 0 && !claim.key().namespace().equals(first.key().namespace())) {
                continue;
            }
            volumes.append(volumes.length() == 0 ? "" : ",").append("{\"name\":\"v").append(k)
                    .append("\",\"persistentVolumeClaim\":{\"claimName\":").append(quoted(claim.key().name())).append("}}");
        }
        return "{\"metadata\":{\"name\":\"locus-warm-up-" + i + "\",\"namespace\":" + quoted(first.key().namespace())
                + ",\"uid\":\"00000000-0000-0000-0000-000000000000\"},\"spec\":{\"volumes\":[" + volumes + "]}}";
    }

    private static String nodeObject(NodeInfo node) {
        return "{\"metadata\":{\"name\":" + quoted(node.name()) + ",\"labels\":" + object(node.labels())
                + ",\"annotations\":" + object(node.annotations()) + "}}";
    }

    private static String object(Map<String, String> map) {
        return "{" + String.join(",", map.entrySet().stream().map(e -> quoted(e.getKey()) + ":" + quoted(e.getValue()))
                .toList()) + "}";
    }

    private static String quoted(String value) {
        return "\"" + new String(JSON.quoteAsString(value)) + "\"";
    }
}
