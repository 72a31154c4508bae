package dev.locus.config;

import java.util.Objects;

/**
 * Every setting of a Locus process, immutable and already validated.
 *
 * <p>Instances come only from {@link Builder#build()}, which rejects a bad value with a
 * {@link ConfigException} naming the offending key, so the rest of the code never re-checks.
 *
 * @param host           address the extender HTTP server binds to
 * @param port           TCP port of the extender HTTP server, 0 picks a free one (tests)
 * @param maxBodyBytes   largest request body accepted, bytes; 1 KiB..2 GiB. The default,
 *                       128 MiB, holds a Nodes-mode request for ~5000 realistic nodes (~91 MB)
 * @param rackLabel      node label naming a node's rack (the level between zone and node)
 * @param defaultPolicy  locality policy for volumes that state none
 */
public record LocusConfig(String host, int port, long maxBodyBytes, String rackLabel, LocalityPolicy defaultPolicy) {

    /** Key names as they appear in the YAML file; error messages and docs use them. */
    public static final String HOST = "server.host";
    public static final String PORT = "server.port";
    public static final String MAX_BODY_BYTES = "server.maxBodyBytes";
    public static final String RACK_LABEL = "placement.rackLabel";
    public static final String DEFAULT_POLICY = "placement.defaultPolicy";

    static final long MIN_BODY_BYTES = 1024;
    static final long MAX_BODY_BYTES_LIMIT = 2L * 1024 * 1024 * 1024 - 1;

    public LocusConfig {
        Objects.requireNonNull(host);
        Objects.requireNonNull(rackLabel);
        Objects.requireNonNull(defaultPolicy);
    }

    /** The defaults: what a config file with no keys means. */
    public static LocusConfig defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder that validates each value as it is set. */
    public static final class Builder {
        private String host = "0.0.0.0";
        private int port = 8888;
        private long maxBodyBytes = 128L * 1024 * 1024;
        private String rackLabel = "topology.locus.dev/rack";
        private LocalityPolicy defaultPolicy = LocalityPolicy.PREFERRED;

        private Builder() {
        }

        public Builder host(String value) {
            if (value == null || value.isBlank()) {
                throw new ConfigException(HOST + " must be a non-empty host name or address");
            }
            host = value;
            return this;
        }

        public Builder port(long value) {
            if (value < 0 || value > 65535) {
                throw new ConfigException(PORT + " must be in 0..65535, got " + value);
            }
            port = (int) value;
            return this;
        }

        public Builder maxBodyBytes(long value) {
            if (value < MIN_BODY_BYTES || value > MAX_BODY_BYTES_LIMIT) {
                throw new ConfigException(MAX_BODY_BYTES + " must be in " + MIN_BODY_BYTES + ".."
                        + MAX_BODY_BYTES_LIMIT + " bytes, got " + value);
            }
            maxBodyBytes = value;
            return this;
        }

        public Builder rackLabel(String value) {
            if (value == null || value.isBlank()) {
                throw new ConfigException(RACK_LABEL + " must be a non-empty label key");
            }
            rackLabel = value;
            return this;
        }

        public Builder defaultPolicy(String value) {
            defaultPolicy = LocalityPolicy.parse(value)
                    .orElseThrow(() -> new ConfigException(DEFAULT_POLICY + " must be one of "
                            + LocalityPolicy.names() + ", got '" + value + "'"));
            return this;
        }

        public LocusConfig build() {
            return new LocusConfig(host, port, maxBodyBytes, rackLabel, defaultPolicy);
        }
    }
}
