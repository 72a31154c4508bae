package dev.locus.testing;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Calls an extender the way kube-scheduler's HTTPExtender (pkg/scheduler/extender.go) does,
 * and interprets the replies with the same rules, so tests see what the scheduler would:
 * <ul>
 *   <li>POST {@code urlPrefix/verb}, JSON body, HTTP/1.1 keep-alive; any status but 200 is an error;</li>
 *   <li>reply keys are matched case-insensitively (Go's decoder); a non-empty {@code Error} is an error;</li>
 *   <li>filter, nodeCacheCapable: reply {@code NodeNames} naming a node not offered is an error;
 *       nodeCacheCapable false: the passing nodes are the reply's {@code Nodes.items};</li>
 *   <li>prioritize: each score contributes {@code Score × weight × (100 / 10)}; nodes missing get 0.</li>
 * </ul>
 */
public final class HttpExtenderClient {

    /** What kube-scheduler makes of a filter reply. */
    public record FilterOutcome(List<String> passing, List<JsonNode> passingNodes, Map<String, String> failed,
                                Map<String, String> unresolvable) {
    }

    /** An answer kube-scheduler would treat as an extender error. */
    public static final class ExtenderError extends RuntimeException {
        public final int status;

        ExtenderError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private static final ObjectMapper GO_LIKE = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private static final long MAX_NODE_SCORE = 100;
    private static final long MAX_EXTENDER_PRIORITY = 10;
    /** Longer than any answer may take: a hung server fails the test instead of hanging it. */
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient http;
    private final URI urlPrefix;
    private final long weight;

    public HttpExtenderClient(URI urlPrefix, long weight) {
        this(urlPrefix, weight, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
    }

    /** Over a given client (HTTPS tests pass one with their SSL context). */
    public HttpExtenderClient(URI urlPrefix, long weight, HttpClient http) {
        this.urlPrefix = urlPrefix;
        this.weight = weight;
        this.http = http;
    }

    /** Sends raw bytes to any path; returns status and body (for bad-input tests). */
    public HttpResponse<String> post(String verb, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(urlPrefix.resolve(verb))
                .header("Content-Type", "application/json")
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("transport error calling " + verb, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(urlPrefix.resolve(path)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException | InterruptedException e) {
            throw new AssertionError("transport error calling " + path, e);
        }
    }

    /** Filter as the scheduler does it; {@code offered} = node names in the request. */
    public FilterOutcome filter(byte[] body, List<String> offered, boolean nodeCacheCapable) {
        JsonNode reply = call("filter", body);
        String error = field(reply, "Error").asString("");
        if (!error.isEmpty()) {
            throw new ExtenderError(200, error);
        }
        List<String> passing = new ArrayList<>();
        List<JsonNode> passingNodes = new ArrayList<>();
        JsonNode names = field(reply, "NodeNames");
        JsonNode nodes = field(reply, "Nodes");
        if (nodeCacheCapable && !names.isNull() && !names.isMissingNode()) {
            for (JsonNode name : names) {
                if (!offered.contains(name.asString())) {
                    throw new ExtenderError(200, "extender claims a filtered node " + name + " not in the input list");
                }
                passing.add(name.asString());
            }
        } else if (!nodes.isNull() && !nodes.isMissingNode()) {
            for (JsonNode node : field(nodes, "items")) {
                passingNodes.add(node);
                passing.add(node.path("metadata").path("name").asString());
            }
        }
        return new FilterOutcome(passing, passingNodes, strings(field(reply, "FailedNodes")),
                strings(field(reply, "FailedAndUnresolvableNodes")));
    }

    /** Prioritize as the scheduler does it: node -> points added to the node's total. */
    public Map<String, Long> prioritize(byte[] body, List<String> offered) {
        JsonNode reply = call("prioritize", body);
        if (!reply.isArray()) {
            throw new ExtenderError(200, "prioritize reply is not a HostPriorityList: " + reply);
        }
        Map<String, Long> points = new LinkedHashMap<>();
        for (JsonNode entry : reply) {
            String host = field(entry, "Host").asString();
            long score = field(entry, "Score").asLong();
            if (!offered.contains(host)) {
                throw new ExtenderError(200, "prioritize scored node " + host + " that was not offered");
            }
            if (points.put(host, score * weight * (MAX_NODE_SCORE / MAX_EXTENDER_PRIORITY)) != null) {
                throw new ExtenderError(200, "prioritize scored node " + host + " twice");
            }
            if (score < 0 || score > MAX_EXTENDER_PRIORITY) {
                throw new ExtenderError(200, "score " + score + " for " + host + " outside 0..10");
            }
        }
        return points;
    }

    private JsonNode call(String verb, byte[] body) {
        HttpResponse<String> response = post(verb, body);
        if (response.statusCode() != 200) {
            throw new ExtenderError(response.statusCode(), response.body());
        }
        try {
            return GO_LIKE.readTree(response.body());
        } catch (JacksonException e) {
            throw new ExtenderError(200, "undecodable reply: " + e.getMessage());
        }
    }

    /** A field by case-insensitive name, as Go's decoder finds it. */
    static JsonNode field(JsonNode object, String name) {
        if (object.has(name)) {
            return object.get(name);
        }
        for (var it = object.propertyNames().iterator(); it.hasNext(); ) {
            String key = it.next();
            if (key.equalsIgnoreCase(name)) {
                return object.get(key);
            }
        }
        return tools.jackson.databind.node.MissingNode.getInstance();
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new HashMap<>();
        if (object.isObject()) {
            object.properties().iterator().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asString()));
        }
        return map;
    }

    /** The node names a request offers, read with a plain JSON parser (independent of Locus's decoder). */
    public static List<String> offered(byte[] body) {
        JsonNode args = GO_LIKE.readTree(body);
        List<String> names = new ArrayList<>();
        JsonNode nodeNames = field(args, "NodeNames");
        if (nodeNames.isArray()) {
            nodeNames.forEach(n -> names.add(n.asString()));
        } else {
            field(field(args, "Nodes"), "items").forEach(n -> names.add(n.path("metadata").path("name").asString()));
        }
        return names;
    }

    /** True for a request in nodeCacheCapable mode (NodeNames set). */
    public static boolean nodeCacheCapable(byte[] body) {
        return field(GO_LIKE.readTree(body), "NodeNames").isArray();
    }
}
