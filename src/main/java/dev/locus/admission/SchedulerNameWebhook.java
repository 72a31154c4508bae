package dev.locus.admission;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import dev.locus.cluster.ClusterSnapshot;

/**
 * The schedulerName webhook without its HTTP server: a decoded request in, an answer out.
 * Every answer allows the pod; the only question is whether it carries a patch.
 *
 * <p>Design (after controller-runtime's admission package): the request is decoded once
 * ({@link #read}); {@link SchedulerNameDecision} decides as a pure function; the mutation is
 * written as edits on a copy of the pod, and the patch is the difference between the copy
 * and the original ({@link JsonPatch}), so it only touches what exists or adds whole members.
 * Whatever goes wrong inside, the answer is {@code allowed: true} without a patch: this
 * webhook sits in the path of every pod creation and must never be the reason one fails.
 * Nothing here calls the API server; the cluster comes from the informers' snapshot.
 */
public final class SchedulerNameWebhook {

    /** Annotation set on a pod whose scheduler the webhook chose; its value names the webhook. */
    public static final String ANNOTATION = "locus.dev/scheduler-name-set-by";
    /** The webhook's name, as registered in the MutatingWebhookConfiguration. */
    public static final String WEBHOOK_NAME = "scheduler-name.locus.dev";

    private final SchedulerNameDecision decision;

    public SchedulerNameWebhook(SchedulerNameDecision decision) {
        this.decision = decision;
    }

    /** A request with what the decision reads from it, or the answer already known without the cluster. */
    public record Review(AdmissionRequest request, PodFacts pod, Answer early) {
    }

    /**
     * An answer.
     *
     * @param reason  why (the metric label)
     * @param detail  for the log line
     * @param body    the AdmissionReview to send; for a {@code waiting} answer, what to send if the wait runs out
     * @param waiting true when the cache may still learn what the pod names: ask again after the next snapshot
     */
    public record Answer(Reason reason, String detail, byte[] body, boolean waiting) {
    }

    /** Reads what the decision needs from {@code request}, once. */
    public Review read(AdmissionRequest request) {
        if (!request.podCreate()) {
            return new Review(request, null, new Answer(Reason.NOT_POD_CREATE, request.operation() + " "
                    + request.kind() + (request.subResource() == null ? "" : "/" + request.subResource()),
                    ReviewCodec.allow(request.uid()), false));
        }
        try {
            return new Review(request, PodFacts.of(request.object(), request.namespace()), null);
        } catch (RuntimeException e) {
            return new Review(request, null, new Answer(Reason.BAD_OBJECT, e.getMessage(),
                    ReviewCodec.allow(request.uid()), false));
        }
    }

    /** Answers {@code review} from {@code snapshot}; {@code ready} is false until the informers have synced. */
    public Answer answer(Review review, ClusterSnapshot snapshot, boolean ready) {
        if (review.early() != null) {
            return review.early();
        }
        String uid = review.request().uid();
        try {
            if (!ready) {
                return new Answer(Reason.CACHE_NOT_READY, "informers not synced", ReviewCodec.allow(uid), false);
            }
            Decision decided = decision.decide(review.pod(), snapshot);
            return switch (decided.action()) {
                case MUTATE -> new Answer(decided.reason(), decided.detail(),
                        ReviewCodec.allow(uid, patch(review.request().object())), false);
                case SKIP -> new Answer(decided.reason(), decided.detail(), ReviewCodec.allow(uid), false);
                case WAIT -> new Answer(decided.reason(), decided.detail(), ReviewCodec.allow(uid), true);
            };
        } catch (RuntimeException e) {
            return internalError(uid, e);
        }
    }

    /** The answer to send when something failed outside {@link #answer}: allowed, unchanged. */
    public static Answer internalError(String uid, Throwable e) {
        return new Answer(Reason.INTERNAL, String.valueOf(e), ReviewCodec.allow(uid), false);
    }

    /** The patch setting schedulerName and the annotation, from the pod and its mutated copy. */
    ArrayNode patch(JsonNode pod) {
        ObjectNode mutated = (ObjectNode) pod.deepCopy();
        ((ObjectNode) mutated.get("spec")).put("schedulerName", decision.schedulerName());
        ObjectNode metadata = (ObjectNode) mutated.get("metadata");
        JsonNode annotations = metadata.get("annotations");
        ObjectNode map = annotations instanceof ObjectNode existing ? existing : metadata.putObject("annotations");
        map.put(ANNOTATION, WEBHOOK_NAME);
        return JsonPatch.diff(pod, mutated);
    }
}
