package dev.locus.config;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The schedulerName admission webhook ({@code webhook.*}, docs/admission-webhook.md): off
 * unless {@code webhook.port} is set, and then HTTPS only, since the API server calls
 * webhooks over TLS and nothing else.
 *
 * @param port            TLS port of the webhook, 0 = no webhook
 * @param certFile        PEM serving certificate (chain), re-read every {@code tls.reloadIntervalSeconds}
 * @param keyFile         its PEM private key
 * @param schedulerName   the value written into {@code spec.schedulerName}
 * @param provisioners    StorageClass provisioners whose claims make a pod Locus's
 * @param cacheWaitMillis how long a pod naming a claim or class the cache does not hold yet
 *                        waits for it, ms
 */
public record WebhookSettings(int port, Path certFile, Path keyFile, String schedulerName, Set<String> provisioners,
                              int cacheWaitMillis) {

    /**
     * 1000 ms: the StatefulSet controller creates a claim a few ms before its pod, and a new
     * object reaches the snapshot within the publisher's 100 ms interval plus one rebuild
     * (tens of ms at 10,000 claims); a second leaves room for a busy state thread and stays
     * well inside the 3 s {@code timeoutSeconds} deploy/ ships.
     */
    static final int DEFAULT_CACHE_WAIT_MILLIS = 1000;
    static final int MAX_CACHE_WAIT_MILLIS = 10_000;

    public WebhookSettings {
        Objects.requireNonNull(schedulerName);
        provisioners = Set.copyOf(provisioners);
        if (port != 0 && (certFile == null || keyFile == null)) {
            throw new IllegalArgumentException("a webhook port needs certFile and keyFile");
        }
    }

    /** True when the webhook is served. */
    public boolean enabled() {
        return port != 0;
    }

    /** The serving certificate as TLS settings, reloaded like the extender port's. */
    public TlsSettings tls(int reloadIntervalSeconds) {
        return new TlsSettings(certFile, keyFile, null, reloadIntervalSeconds);
    }

    /** Validates each value as it is set; {@link LocusConfig.Builder} delegates here. */
    static final class Builder {
        private int port;
        private Path certFile;
        private Path keyFile;
        private String schedulerName = "locus-scheduler";
        private Set<String> provisioners = Set.of();
        private int cacheWaitMillis = DEFAULT_CACHE_WAIT_MILLIS;

        void port(long value) {
            port = (int) ServerLimits.range(LocusConfig.WEBHOOK_PORT, value, 0, 65535, "");
        }

        void certFile(String value) {
            certFile = TlsSettings.Builder.readablePem(LocusConfig.WEBHOOK_CERT_FILE, value);
        }

        void keyFile(String value) {
            keyFile = TlsSettings.Builder.readablePem(LocusConfig.WEBHOOK_KEY_FILE, value);
        }

        void schedulerName(String value) {
            // a scheduler name is a DNS-1123 subdomain, like any object name
            if (value == null || !value.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
                throw new ConfigException(LocusConfig.WEBHOOK_SCHEDULER_NAME
                        + " must be a scheduler name (lower-case DNS subdomain), got '" + value + "'");
            }
            if (value.equals("default-scheduler")) {
                throw new ConfigException(LocusConfig.WEBHOOK_SCHEDULER_NAME
                        + " must name Locus's scheduler, not default-scheduler");
            }
            schedulerName = value;
        }

        void provisioners(List<String> values) {
            Set<String> set = new LinkedHashSet<>();
            for (String value : values) {
                if (value == null || value.isBlank()) {
                    throw new ConfigException(LocusConfig.WEBHOOK_PROVISIONERS + " must list non-empty provisioner names");
                }
                set.add(value);
            }
            provisioners = set;
        }

        void cacheWaitMillis(long value) {
            cacheWaitMillis = (int) ServerLimits.range(LocusConfig.WEBHOOK_CACHE_WAIT_MILLIS, value, 0,
                    MAX_CACHE_WAIT_MILLIS, " ms");
        }

        WebhookSettings build(int serverPort, int healthPort) {
            if (port != 0 && (certFile == null || keyFile == null)) {
                throw new ConfigException(LocusConfig.WEBHOOK_PORT + " needs " + LocusConfig.WEBHOOK_CERT_FILE + " and "
                        + LocusConfig.WEBHOOK_KEY_FILE + ": the API server calls webhooks over HTTPS only");
            }
            if (port != 0 && (port == serverPort || port == healthPort)) {
                throw new ConfigException(LocusConfig.WEBHOOK_PORT + " must differ from " + LocusConfig.PORT + " and "
                        + LocusConfig.HEALTH_PORT + ", got " + port);
            }
            return new WebhookSettings(port, certFile, keyFile, schedulerName, provisioners, cacheWaitMillis);
        }
    }
}
