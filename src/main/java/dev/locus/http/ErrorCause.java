package dev.locus.http;

import java.util.Locale;

/** Why a request was answered with an error: the {@code cause} label of {@code locus_errors_total}. */
enum ErrorCause {
    BAD_REQUEST, BODY_TOO_LARGE, BODIES_IN_FLIGHT, NOT_FOUND, METHOD_NOT_ALLOWED, REQUEST_TIMEOUT, NOT_READY, INTERNAL;

    /** The label value: {@code bad_request}, {@code body_too_large}, ... */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
