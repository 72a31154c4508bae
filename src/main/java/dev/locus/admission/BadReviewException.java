package dev.locus.admission;

/**
 * A request body that is not an {@code admission.k8s.io/v1} AdmissionReview with a request
 * and a uid: there is nothing to answer in kind, so the HTTP layer replies 400 with this
 * message. (The API server then applies the webhook's failurePolicy; deploy/ ships Ignore.)
 */
public final class BadReviewException extends RuntimeException {

    /** What is wrong, named so that the sender can fix it. */
    public BadReviewException(String message) {
        super(message, null, false, false);
    }
}
