package dev.locus.admission;

import java.util.Locale;

/**
 * Why a review was answered as it was: the {@code outcome} and {@code reason} labels of
 * {@code locus_webhook_reviews_total}. Every value is registered at 0 when the webhook starts.
 */
public enum Reason {
    /** schedulerName set: the pod uses a volume Locus manages. */
    SCHEDULER_SET(Outcome.MUTATED),
    /** Not the creation of a pod (a misconfigured rule, or a subresource). */
    NOT_POD_CREATE(Outcome.SKIPPED),
    /** The pod names another scheduler: never overridden. */
    OTHER_SCHEDULER(Outcome.SKIPPED),
    /** The pod already names Locus's scheduler. */
    ALREADY_SET(Outcome.SKIPPED),
    /** No claim or ephemeral volume of the pod is in a managed StorageClass. */
    NO_MANAGED_VOLUME(Outcome.SKIPPED),
    /** A claim or class the pod names was still missing from the cache when the wait ran out. */
    NOT_IN_CACHE(Outcome.SKIPPED),
    /** The informers have not synced yet: nothing can be judged. */
    CACHE_NOT_READY(Outcome.SKIPPED),
    /** The review's object is not a pod the webhook can read; allowed unchanged. */
    BAD_OBJECT(Outcome.ERROR),
    /** A failure inside the webhook; allowed unchanged. */
    INTERNAL(Outcome.ERROR),
    /** The body is not an admission.k8s.io/v1 AdmissionReview (HTTP 400). */
    BAD_REVIEW(Outcome.REJECTED),
    /** The body is over the webhook's cap (HTTP 413). */
    BODY_TOO_LARGE(Outcome.REJECTED),
    /** Too many body bytes in flight (HTTP 429). */
    BODIES_IN_FLIGHT(Outcome.REJECTED),
    /** The body did not arrive in time (HTTP 408). */
    REQUEST_TIMEOUT(Outcome.REJECTED),
    /** Another path or method (HTTP 404, 405). */
    NOT_FOUND(Outcome.REJECTED);

    /** What happened to the pod (or the HTTP request). */
    public enum Outcome {
        MUTATED, SKIPPED, ERROR, REJECTED;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Outcome outcome;

    Reason(Outcome outcome) {
        this.outcome = outcome;
    }

    public Outcome outcome() {
        return outcome;
    }

    /** The label value: {@code scheduler_set}, {@code other_scheduler}, ... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
