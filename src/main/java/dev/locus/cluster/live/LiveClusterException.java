package dev.locus.cluster.live;

/** Live mode cannot even start: the Kubernetes client configuration is unusable. The message says why. */
public final class LiveClusterException extends RuntimeException {
    public LiveClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
