package dev.locus.config;

/**
 * What the HTTP server allows a caller, beyond the body cap: the defences against a caller
 * that is broken or hostile, and the time budget that keeps Locus from stalling the scheduler.
 *
 * @param healthPort            separate plain-HTTP port for /healthz, /readyz and /metrics
 *                              (kubelet probes and Prometheus present no client certificate);
 *                              0 = none, they are served on the extender port only
 * @param maxHeaderBytes        largest request line plus headers, bytes; larger gets 431
 * @param maxConnections        most connections open at once on each port; one more is
 *                              closed as soon as it is accepted
 * @param requestDeadlineMillis time from a request's headers to its answer, milliseconds.
 *                              Past it Locus answers without its placement rules (every
 *                              node passes, equal scores) and counts it. Keep it below the
 *                              scheduler's {@code httpTimeout} (shipped 2 s; 0 means 5 s)
 * @param maxInFlightBodyBytes  request body bytes buffered at once over all connections; a
 *                              body that would push past it is refused with 429 (the scheduler
 *                              retries the pod). Bounds the heap hostile or runaway callers can
 *                              take, since each body is only buffered as it arrives
 */
public record ServerLimits(int healthPort, int maxHeaderBytes, int maxConnections, int requestDeadlineMillis,
                           long maxInFlightBodyBytes) {

    /**
     * 8 KiB of headers is Vert.x's and Go's usual ceiling and ~20x what kube-scheduler sends;
     * 256 connections is far above the few keep-alive connections of two scheduler replicas,
     * kubelet probes and Prometheus; 1.5 s leaves 0.5 s of the shipped 2 s httpTimeout for
     * sending the reply. 256 MiB of bodies in flight is two of the largest (Nodes mode at
     * ~5000 nodes); the scheduler sends one request at a time, so only an abuser meets it.
     */
    public static final ServerLimits DEFAULTS = new ServerLimits(0, 8192, 256, 1500, 256L * 1024 * 1024);

    static final long MIN_HEADER_BYTES = 1024;
    static final long MAX_HEADER_BYTES = 1024 * 1024;
    static final long MAX_CONNECTIONS = 65536;
    static final long MIN_DEADLINE_MILLIS = 10;
    static final long MAX_DEADLINE_MILLIS = 60_000;
    static final long MAX_IN_FLIGHT_BODY_BYTES = 1L << 40;

    /** Validates each value as it is set; {@link LocusConfig.Builder} delegates here. */
    static final class Builder {
        private int healthPort = DEFAULTS.healthPort();
        private int maxHeaderBytes = DEFAULTS.maxHeaderBytes();
        private int maxConnections = DEFAULTS.maxConnections();
        private int requestDeadlineMillis = DEFAULTS.requestDeadlineMillis();
        private long maxInFlightBodyBytes = DEFAULTS.maxInFlightBodyBytes();

        void healthPort(long value) {
            healthPort = (int) range(LocusConfig.HEALTH_PORT, value, 0, 65535, "");
        }

        void maxHeaderBytes(long value) {
            maxHeaderBytes = (int) range(LocusConfig.MAX_HEADER_BYTES, value, MIN_HEADER_BYTES, MAX_HEADER_BYTES,
                    " bytes");
        }

        void maxConnections(long value) {
            maxConnections = (int) range(LocusConfig.MAX_CONNECTIONS, value, 1, MAX_CONNECTIONS, "");
        }

        void requestDeadlineMillis(long value) {
            requestDeadlineMillis = (int) range(LocusConfig.REQUEST_DEADLINE_MILLIS, value, MIN_DEADLINE_MILLIS,
                    MAX_DEADLINE_MILLIS, " ms");
        }

        void maxInFlightBodyBytes(long value) {
            maxInFlightBodyBytes = range(LocusConfig.MAX_IN_FLIGHT_BODY_BYTES, value, LocusConfig.MIN_BODY_BYTES,
                    MAX_IN_FLIGHT_BODY_BYTES, " bytes");
        }

        ServerLimits build(int port, long maxBodyBytes) {
            if (healthPort != 0 && healthPort == port) {
                throw new ConfigException(LocusConfig.HEALTH_PORT + " must differ from " + LocusConfig.PORT
                        + " (both " + port + "); 0 serves health on the extender port");
            }
            if (maxInFlightBodyBytes < maxBodyBytes) {
                throw new ConfigException(LocusConfig.MAX_IN_FLIGHT_BODY_BYTES + " (" + maxInFlightBodyBytes
                        + ") must be at least " + LocusConfig.MAX_BODY_BYTES + " (" + maxBodyBytes
                        + "), or the largest body allowed could never be read");
            }
            return new ServerLimits(healthPort, maxHeaderBytes, maxConnections, requestDeadlineMillis,
                    maxInFlightBodyBytes);
        }
    }

    static long range(String key, long value, long min, long max, String unit) {
        if (value < min || value > max) {
            throw new ConfigException(key + " must be in " + min + ".." + max + unit + ", got " + value);
        }
        return value;
    }
}
