package dev.locus.config;

import java.nio.file.Files;
import java.nio.file.Path;
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
 * @param tiers          score of each proximity tier, 0..10, non-increasing with distance
 * @param degradedPenalty points (0..10) taken off a node whose storage is {@code degraded}
 *                       (node annotation {@code locus.dev/storage-state}); never below 0.
 *                       The default, 3, makes a degraded node holding a replica worth about
 *                       as much as a healthy node in the replica's rack
 * @param topologyFile   the weighted topology file, or null to build the tree from node labels
 * @param topology       the parsed {@code topologyFile}, or null
 * @param limits         connection, header and time limits of the HTTP server
 * @param tls            TLS and client certificates on the extender port
 * @param monitor        the storage health monitor ({@code monitor.*})
 * @param webhook        the schedulerName admission webhook, off by default
 */
public record LocusConfig(String host, int port, long maxBodyBytes, String rackLabel, LocalityPolicy defaultPolicy,
                          TierLadder tiers, int degradedPenalty, Path topologyFile, TopologySpec topology,
                          ServerLimits limits, TlsSettings tls, MonitorSettings monitor, WebhookSettings webhook) {

    /** Key names as they appear in the YAML file; error messages and docs use them. */
    public static final String HOST = "server.host";
    public static final String PORT = "server.port";
    public static final String MAX_BODY_BYTES = "server.maxBodyBytes";
    public static final String RACK_LABEL = "placement.rackLabel";
    public static final String DEFAULT_POLICY = "placement.defaultPolicy";
    public static final String TIER_NODE = "placement.tiers.node";
    public static final String TIER_RACK = "placement.tiers.rack";
    public static final String TIER_ZONE = "placement.tiers.zone";
    public static final String TIER_REGION = "placement.tiers.region";
    public static final String TIER_ELSEWHERE = "placement.tiers.elsewhere";
    public static final String DEGRADED_PENALTY = "placement.degradedPenalty";
    public static final String TOPOLOGY_FILE = "placement.topologyFile";

    /** The tier keys, closest first. */
    static final String[] TIER_KEYS = {TIER_NODE, TIER_RACK, TIER_ZONE, TIER_REGION, TIER_ELSEWHERE};
    public static final String HEALTH_PORT = "server.healthPort";
    public static final String MAX_HEADER_BYTES = "server.maxHeaderBytes";
    public static final String MAX_CONNECTIONS = "server.maxConnections";
    public static final String REQUEST_DEADLINE_MILLIS = "server.requestDeadlineMillis";
    public static final String MAX_IN_FLIGHT_BODY_BYTES = "server.maxInFlightBodyBytes";
    public static final String TLS_CERT_FILE = "tls.certFile";
    public static final String TLS_KEY_FILE = "tls.keyFile";
    public static final String TLS_CLIENT_CA_FILE = "tls.clientCaFile";
    public static final String TLS_RELOAD_INTERVAL_SECONDS = "tls.reloadIntervalSeconds";
    public static final String WEBHOOK_PORT = "webhook.port";
    public static final String WEBHOOK_CERT_FILE = "webhook.certFile";
    public static final String WEBHOOK_KEY_FILE = "webhook.keyFile";
    public static final String WEBHOOK_SCHEDULER_NAME = "webhook.schedulerName";
    public static final String WEBHOOK_PROVISIONERS = "webhook.provisioners";
    public static final String WEBHOOK_CACHE_WAIT_MILLIS = "webhook.cacheWaitMillis";

    static final long MIN_BODY_BYTES = 1024;
    static final long MAX_BODY_BYTES_LIMIT = 2L * 1024 * 1024 * 1024 - 1;

    public LocusConfig {
        Objects.requireNonNull(host);
        Objects.requireNonNull(rackLabel);
        Objects.requireNonNull(defaultPolicy);
        Objects.requireNonNull(tiers);
        if ((topologyFile == null) != (topology == null)) {
            throw new IllegalArgumentException("topologyFile and topology come together");
        }
        Objects.requireNonNull(limits);
        Objects.requireNonNull(tls);
        Objects.requireNonNull(monitor);
        Objects.requireNonNull(webhook);
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
        private final int[] tiers = TierLadder.DEFAULT.scores();
        private int degradedPenalty = 3;
        private Path topologyFile;
        private TopologySpec topology;
        private final ServerLimits.Builder limits = new ServerLimits.Builder();
        private final TlsSettings.Builder tls = new TlsSettings.Builder();
        private final MonitorSettings.Builder monitor = new MonitorSettings.Builder();
        private final WebhookSettings.Builder webhook = new WebhookSettings.Builder();

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

        /** Score of one tier ({@code tier} 0 = node .. 4 = elsewhere); the order is checked by {@link #build()}. */
        public Builder tier(int tier, long value) {
            if (value < TierLadder.MIN || value > TierLadder.MAX) {
                throw new ConfigException(TIER_KEYS[tier] + " must be in " + TierLadder.MIN + ".." + TierLadder.MAX
                        + ", got " + value);
            }
            tiers[tier] = (int) value;
            return this;
        }

        public Builder degradedPenalty(long value) {
            if (value < TierLadder.MIN || value > TierLadder.MAX) {
                throw new ConfigException(DEGRADED_PENALTY + " must be in 0..10 points, got " + value);
            }
            degradedPenalty = (int) value;
            return this;
        }

        /** Reads and validates the weighted topology file now, so a bad file stops the start. */
        public Builder topologyFile(String value) {
            if (value == null || value.isBlank()) {
                throw new ConfigException(TOPOLOGY_FILE + " must be a path to a YAML file");
            }
            Path path = Path.of(value);
            if (!Files.isRegularFile(path)) {
                throw new ConfigException(TOPOLOGY_FILE + " " + path + ": no such file");
            }
            try {
                topology = TopologyFile.load(path);
            } catch (ConfigException e) {
                throw new ConfigException(TOPOLOGY_FILE + ": " + e.getMessage(), e);
            }
            topologyFile = path;
            return this;
        }

        /** @param value 0..65535, 0 = no separate health port */
        public Builder healthPort(long value) {
            limits.healthPort(value);
            return this;
        }

        /** @param value bytes, 1024..1048576 */
        public Builder maxHeaderBytes(long value) {
            limits.maxHeaderBytes(value);
            return this;
        }

        /** @param value 1..65536 */
        public Builder maxConnections(long value) {
            limits.maxConnections(value);
            return this;
        }

        /** @param value milliseconds, 10..60000 */
        public Builder requestDeadlineMillis(long value) {
            limits.requestDeadlineMillis(value);
            return this;
        }

        /** @param value bytes, at least {@code server.maxBodyBytes}, at most 2^40 */
        public Builder maxInFlightBodyBytes(long value) {
            limits.maxInFlightBodyBytes(value);
            return this;
        }

        /** @param value a readable PEM file */
        public Builder tlsCertFile(String value) {
            tls.certFile(value);
            return this;
        }

        /** @param value a readable PEM file */
        public Builder tlsKeyFile(String value) {
            tls.keyFile(value);
            return this;
        }

        /** @param value a readable PEM file */
        public Builder tlsClientCaFile(String value) {
            tls.clientCaFile(value);
            return this;
        }

        /** @param value seconds, 0..86400, 0 = never */
        public Builder tlsReloadIntervalSeconds(long value) {
            tls.reloadIntervalSeconds(value);
            return this;
        }

        /** The monitor's settings ({@code monitor.*}), validated as they are set. */
        public Builder monitor(java.util.function.Consumer<MonitorSettingsEditor> edit) {
            edit.accept(new MonitorSettingsEditor(monitor));
            return this;
        }

        /** The webhook's settings ({@code webhook.*}), validated as they are set. */
        public Builder webhook(java.util.function.Consumer<WebhookSettingsEditor> edit) {
            edit.accept(new WebhookSettingsEditor(webhook));
            return this;
        }

        public LocusConfig build() {
            TierLadder ladder = new TierLadder(tiers[0], tiers[1], tiers[2], tiers[3], tiers[4]);
            ServerLimits serverLimits = limits.build(port, maxBodyBytes);
            return new LocusConfig(host, port, maxBodyBytes, rackLabel, defaultPolicy, ladder, degradedPenalty,
                    topologyFile, topology, serverLimits, tls.build(), monitor.build(),
                    webhook.build(port, serverLimits.healthPort()));
        }
    }
}
