package dev.locus.api;

/** A request that does not follow the extender protocol; the message says what is wrong. */
public final class BadRequestException extends RuntimeException {
    public BadRequestException(String message) {
        super(message, null, false, false);
    }
}
