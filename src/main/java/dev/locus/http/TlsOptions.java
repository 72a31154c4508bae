package dev.locus.http;

import dev.locus.config.ConfigException;
import dev.locus.config.LocusConfig;
import dev.locus.config.TlsSettings;
import dev.locus.tls.KeyPairs;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.ServerSSLOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509KeyManager;

/**
 * The PEM files of {@code tls.*}, read, checked and turned into Vert.x TLS options.
 *
 * <p>Design: the files are read into memory (values, not paths) so that a check can compare
 * what is on disk with what is being served, and so that what is handed to Vert.x is exactly
 * what was checked. The check refuses a key that does not belong to the certificate: a
 * rotation caught half-way (new certificate, old key) must not replace a working pair, since
 * every handshake would then fail.
 */
final class TlsOptions {

    /** Longest a TLS handshake may take, seconds: a stalled handshake holds a connection slot. */
    static final long HANDSHAKE_TIMEOUT_SECONDS = 10;

    private static final List<String> KEY_TYPES = List.of("RSA", "EC", "EdDSA", "Ed25519", "Ed448", "DSA",
            "RSASSA-PSS");

    /**
     * One checked reading of the files: the certificate chain, the key, the client CA bundle
     * (null without client certificates), a fingerprint of all the files' bytes, and the
     * certificate's expiry.
     */
    record Material(Buffer cert, Buffer key, Buffer clientCa, String fingerprint, Instant notAfter) {
    }

    /** The config keys of the three files, for messages: the extender's {@code tls.*} or the webhook's. */
    record Keys(String cert, String key, String clientCa) {
        static final Keys EXTENDER = new Keys(LocusConfig.TLS_CERT_FILE, LocusConfig.TLS_KEY_FILE,
                LocusConfig.TLS_CLIENT_CA_FILE);
        static final Keys WEBHOOK = new Keys(LocusConfig.WEBHOOK_CERT_FILE, LocusConfig.WEBHOOK_KEY_FILE, "-");
    }

    private TlsOptions() {
    }

    /** Reads and checks the extender's files; throws {@link ConfigException} naming the key at fault. Blocking. */
    static Material read(Vertx vertx, TlsSettings tls) {
        return read(vertx, tls, Keys.EXTENDER);
    }

    /** Reads and checks the files; throws {@link ConfigException} naming the key ({@code names}) at fault. Blocking. */
    static Material read(Vertx vertx, TlsSettings tls, Keys names) {
        byte[] cert = bytes(names.cert(), tls.certFile());
        byte[] key = bytes(names.key(), tls.keyFile());
        byte[] ca = tls.clientAuth() ? bytes(names.clientCa(), tls.clientCaFile()) : new byte[0];
        X509Certificate leaf = certificates(names.cert(), tls.certFile(), cert).get(0);
        if (tls.clientAuth()) {
            certificates(names.clientCa(), tls.clientCaFile(), ca);
            clientTrust(vertx, tls, names, ca);
        }
        X509KeyManager keys = keyManager(vertx, tls, names, cert, key);
        if (!KeyPairs.belongTogether(privateKey(tls, names, keys), leaf)) {
            throw new ConfigException(names.key() + " " + tls.keyFile() + " is not the key of the certificate in "
                    + names.cert() + " " + tls.certFile());
        }
        return new Material(Buffer.buffer(cert), Buffer.buffer(key), tls.clientAuth() ? Buffer.buffer(ca) : null,
                fingerprint(cert, key, ca), leaf.getNotAfter().toInstant());
    }

    /** Makes {@code options} serve HTTPS with {@code material}, and require client certificates if configured. */
    static HttpServerOptions apply(HttpServerOptions options, Material material, TlsSettings tls) {
        options.setSsl(true)
                .setKeyCertOptions(keyCert(material))
                .setSslHandshakeTimeout(HANDSHAKE_TIMEOUT_SECONDS)
                .setSslHandshakeTimeoutUnit(TimeUnit.SECONDS);
        if (tls.clientAuth()) {
            options.setTrustOptions(trust(material)).setClientAuth(ClientAuth.REQUIRED);
        }
        return options;
    }

    /**
     * What a running server swaps in ({@code HttpServer.updateSSLOptions}): the options it was
     * started with ({@code started}, so client authentication, protocols and handshake timeout
     * stay as they were) with {@code material}'s certificate, key and client CA bundle.
     */
    static ServerSSLOptions update(ServerSSLOptions started, Material material) {
        ServerSSLOptions options = started.copy().setKeyCertOptions(keyCert(material));
        return material.clientCa() == null ? options : options.setTrustOptions(trust(material));
    }

    private static PemKeyCertOptions keyCert(Material material) {
        return new PemKeyCertOptions().setCertValue(material.cert()).setKeyValue(material.key());
    }

    private static PemTrustOptions trust(Material material) {
        return new PemTrustOptions().addCertValue(material.clientCa());
    }

    private static byte[] bytes(String key, Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException(key + " " + file + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static List<X509Certificate> certificates(String key, Path file, byte[] pem) {
        try {
            List<X509Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem)).stream()
                    .map(X509Certificate.class::cast).toList();
            if (!certs.isEmpty()) {
                return certs;
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new ConfigException(key + " " + file + ": not a PEM certificate: " + e.getMessage(), e);
        }
        throw new ConfigException(key + " " + file + ": holds no PEM certificate");
    }

    private static X509KeyManager keyManager(Vertx vertx, TlsSettings tls, Keys names, byte[] cert, byte[] key) {
        try {
            PemKeyCertOptions pem = new PemKeyCertOptions().setCertValue(Buffer.buffer(cert)).setKeyValue(Buffer.buffer(key));
            for (KeyManager manager : pem.getKeyManagerFactory(vertx).getKeyManagers()) {
                if (manager instanceof X509KeyManager x509) {
                    return x509;
                }
            }
        } catch (Exception e) {
            throw new ConfigException(names.key() + " " + tls.keyFile() + ": not a PEM private key: "
                    + e.getMessage(), e);
        }
        throw new ConfigException(names.key() + " " + tls.keyFile() + ": holds no usable private key");
    }

    private static PrivateKey privateKey(TlsSettings tls, Keys names, X509KeyManager keys) {
        for (String type : KEY_TYPES) {
            String[] aliases = keys.getServerAliases(type, null);
            if (aliases != null && aliases.length > 0) {
                return keys.getPrivateKey(aliases[0]);
            }
        }
        throw new ConfigException(names.key() + " " + tls.keyFile() + ": holds no usable private key");
    }

    /** Builds the trust manager once, so that a bundle Vert.x would refuse is refused here, naming the key. */
    private static X509ExtendedTrustManager clientTrust(Vertx vertx, TlsSettings tls, Keys names, byte[] ca) {
        try {
            for (TrustManager manager : new PemTrustOptions().addCertValue(Buffer.buffer(ca))
                    .getTrustManagerFactory(vertx).getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
        } catch (Exception e) {
            throw new ConfigException(names.clientCa() + " " + tls.clientCaFile() + ": not usable: "
                    + e.getMessage(), e);
        }
        throw new ConfigException(names.clientCa() + " " + tls.clientCaFile() + ": no X.509 trust manager");
    }

    private static String fingerprint(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha.update(Integer.toString(part.length).getBytes(StandardCharsets.US_ASCII));
                sha.update((byte) ':');
                sha.update(part);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}
