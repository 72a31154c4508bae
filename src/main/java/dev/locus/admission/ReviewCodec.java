package dev.locus.admission;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The AdmissionReview wire format ({@code admission.k8s.io/v1}): decoding a request once,
 * encoding an answer. Only v1 is spoken: the webhook registers
 * {@code admissionReviewVersions: [v1]}, so an API server never sends v1beta1 to it.
 */
public final class ReviewCodec {

    public static final String API_VERSION = "admission.k8s.io/v1";
    public static final String KIND = "AdmissionReview";

    private static final ObjectMapper JSON = tools.jackson.databind.json.JsonMapper.shared();

    private ReviewCodec() {
    }

    /** Decodes a request body; throws {@link BadReviewException} naming what is missing or wrong. */
    public static AdmissionRequest decode(byte[] body) {
        if (body == null || body.length == 0) {
            throw new BadReviewException("empty request body: expected an " + API_VERSION + " AdmissionReview");
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (JacksonException e) {
            throw new BadReviewException("request body is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new BadReviewException("request body must be a JSON object (an AdmissionReview)");
        }
        String apiVersion = root.path("apiVersion").asString("");
        String kind = root.path("kind").asString("");
        if (!API_VERSION.equals(apiVersion) || !KIND.equals(kind)) {
            throw new BadReviewException("expected apiVersion " + API_VERSION + " kind " + KIND + ", got apiVersion '"
                    + apiVersion + "' kind '" + kind + "' (register the webhook with admissionReviewVersions: [v1])");
        }
        JsonNode request = root.path("request");
        if (!request.isObject()) {
            throw new BadReviewException("AdmissionReview has no request object");
        }
        JsonNode uid = request.path("uid");
        if (!uid.isString() || uid.asString().isEmpty()) {
            throw new BadReviewException("AdmissionReview request has no uid");
        }
        return new AdmissionRequest(uid.asString(), text(request.path("kind").path("group")),
                text(request.path("kind").path("kind")), text(request.path("subResource")),
                text(request.path("operation")), text(request.path("namespace")),
                request.path("dryRun").asBoolean(false), request.path("object"));
    }

    private static String text(JsonNode node) {
        return node.isString() ? node.asString() : null;
    }

    /** The answer allowing the object unchanged. */
    public static byte[] allow(String uid) {
        return encode(response(uid));
    }

    /** The answer allowing the object with {@code patch} applied (RFC 6902, at least one operation). */
    public static byte[] allow(String uid, ArrayNode patch) {
        ObjectNode response = response(uid);
        response.put("patchType", "JSONPatch");
        response.put("patch", Base64.getEncoder().encodeToString(patch.toString().getBytes(StandardCharsets.UTF_8)));
        return encode(response);
    }

    private static ObjectNode response(String uid) {
        ObjectNode response = JSON.createObjectNode();
        response.put("uid", uid);
        response.put("allowed", true);
        return response;
    }

    private static byte[] encode(ObjectNode response) {
        ObjectNode review = JSON.createObjectNode();
        review.put("apiVersion", API_VERSION);
        review.put("kind", KIND);
        review.set("response", response);
        return review.toString().getBytes(StandardCharsets.UTF_8);
    }
}
