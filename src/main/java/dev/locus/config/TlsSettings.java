package dev.locus.config;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * TLS on the extender port, as configured ({@code tls.*}); the files are read by the HTTP
 * server at start and re-read every {@code reloadIntervalSeconds}.
 *
 * @param certFile              PEM server certificate (chain), or null for plain HTTP
 * @param keyFile               PEM private key of {@code certFile}; set exactly when it is
 * @param clientCaFile          PEM CA bundle; when set, every client must present a
 *                              certificate it signed (mutual TLS), else the handshake fails
 * @param reloadIntervalSeconds how often the three files are checked for new content,
 *                              seconds; 0 never. A changed pair is swapped in for new
 *                              connections; open connections keep theirs
 */
public record TlsSettings(Path certFile, Path keyFile, Path clientCaFile, int reloadIntervalSeconds) {

    public TlsSettings {
        if ((certFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("certFile and keyFile come together");
        }
        if (clientCaFile != null && certFile == null) {
            throw new IllegalArgumentException("clientCaFile needs certFile");
        }
    }

    /** True when the extender port speaks HTTPS. */
    public boolean enabled() {
        return certFile != null;
    }

    /** True when clients must present a certificate signed by {@link #clientCaFile()}. */
    public boolean clientAuth() {
        return clientCaFile != null;
    }

    /**
     * 30 s: Kubernetes updates a mounted Secret within about a minute of a change, and
     * cert-manager renews at two thirds of a certificate's life, so a new certificate is
     * in use long before the old one expires; a check reads three small files.
     */
    static final int DEFAULT_RELOAD_INTERVAL_SECONDS = 30;
    static final long MAX_RELOAD_INTERVAL_SECONDS = 86_400;

    /** Validates each value as it is set; {@link LocusConfig.Builder} delegates here. */
    static final class Builder {
        private Path certFile;
        private Path keyFile;
        private Path clientCaFile;
        private int reloadIntervalSeconds = DEFAULT_RELOAD_INTERVAL_SECONDS;

        void certFile(String value) {
            certFile = readablePem(LocusConfig.TLS_CERT_FILE, value);
        }

        void keyFile(String value) {
            keyFile = readablePem(LocusConfig.TLS_KEY_FILE, value);
        }

        void clientCaFile(String value) {
            clientCaFile = readablePem(LocusConfig.TLS_CLIENT_CA_FILE, value);
        }

        void reloadIntervalSeconds(long value) {
            reloadIntervalSeconds = (int) ServerLimits.range(LocusConfig.TLS_RELOAD_INTERVAL_SECONDS, value, 0,
                    MAX_RELOAD_INTERVAL_SECONDS, " s");
        }

        TlsSettings build() {
            if ((certFile == null) != (keyFile == null)) {
                throw new ConfigException(LocusConfig.TLS_CERT_FILE + " and " + LocusConfig.TLS_KEY_FILE
                        + " must be set together (only " + (certFile == null ? LocusConfig.TLS_KEY_FILE
                        : LocusConfig.TLS_CERT_FILE) + " is set)");
            }
            if (clientCaFile != null && certFile == null) {
                throw new ConfigException(LocusConfig.TLS_CLIENT_CA_FILE + " needs " + LocusConfig.TLS_CERT_FILE
                        + " and " + LocusConfig.TLS_KEY_FILE + ": client certificates are only checked over TLS");
            }
            return new TlsSettings(certFile, keyFile, clientCaFile, reloadIntervalSeconds);
        }

        /** The PEM file {@code value} names for config key {@code key}; also used by {@link WebhookSettings}. */
        static Path readablePem(String key, String value) {
            if (value == null || value.isBlank()) {
                throw new ConfigException(key + " must be a path to a PEM file");
            }
            Path path = Path.of(value);
            if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
                throw new ConfigException(key + " " + path + ": no such readable file");
            }
            return path;
        }
    }
}
