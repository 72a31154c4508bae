package dev.locus.cluster;

/** A manifest that cannot be read or parsed; the message names the file. */
public final class ManifestException extends RuntimeException {
    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
