package dev.locus.admission.certs;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Makes the webhook's certificates without a library: a CA (EC P-256, ECDSA with SHA-256)
 * and a serving certificate it signs, for the Service's DNS names (and IP addresses, for a
 * webhook called by URL). Both are plain RFC 5280 v3 certificates: the CA has
 * {@code basicConstraints CA:TRUE} and {@code keyUsage keyCertSign, cRLSign, digitalSignature};
 * the serving certificate has {@code CA:FALSE}, {@code digitalSignature},
 * {@code extKeyUsage serverAuth} and the names as subjectAltNames (Go, and so the API server,
 * ignores the common name).
 */
public final class CertificateIssuer {

    /** A certificate and its private key, as PEM. */
    public record Issued(X509Certificate certificate, PrivateKey key) {

        public String certificatePem() {
            try {
                return pem("CERTIFICATE", certificate.getEncoded());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** PKCS#8, which Locus's TLS reader accepts. */
        public String keyPem() {
            return pem("PRIVATE KEY", key.getEncoded());
        }
    }

    /** Backdating of notBefore: clocks in a cluster disagree by seconds to minutes. */
    static final Duration BACKDATE = Duration.ofMinutes(5);

    private static final String ECDSA_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME = "2.5.4.3";
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String EXT_KEY_USAGE = "2.5.29.37";
    private static final String SUBJECT_ALT_NAME = "2.5.29.17";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_CERT_SIGN = 5;
    private static final int CRL_SIGN = 6;

    private final SecureRandom random = new SecureRandom();

    /** A self-signed CA named {@code name}, valid from now for {@code validity}. */
    public Issued ca(String name, Instant now, Duration validity) {
        KeyPair keys = keyPair();
        byte[] extensions = Der.sequence(
                extension(BASIC_CONSTRAINTS, true, Der.sequence(Der.bool(true))),
                extension(KEY_USAGE, true, Der.namedBits(DIGITAL_SIGNATURE, KEY_CERT_SIGN, CRL_SIGN)));
        return new Issued(sign(name, name, keys, keys.getPrivate(), now, validity, extensions), keys.getPrivate());
    }

    /**
     * A serving certificate for {@code names} (DNS names, or IP addresses written as such),
     * signed by {@code ca}, valid from now for {@code validity}; the first name is its common name.
     */
    public Issued serving(Issued ca, List<String> names, Instant now, Duration validity) {
        KeyPair keys = keyPair();
        byte[] extensions = Der.sequence(
                extension(BASIC_CONSTRAINTS, true, Der.sequence()),
                extension(KEY_USAGE, true, Der.namedBits(DIGITAL_SIGNATURE)),
                extension(EXT_KEY_USAGE, false, Der.sequence(Der.oid(SERVER_AUTH))),
                extension(SUBJECT_ALT_NAME, false, subjectAltNames(names)));
        String issuer = ca.certificate().getSubjectX500Principal().getName().replaceFirst("^CN=", "");
        return new Issued(sign(issuer, names.get(0), keys, ca.key(), now, validity, extensions), keys.getPrivate());
    }

    private X509Certificate sign(String issuer, String subject, KeyPair keys, PrivateKey signer, Instant now,
                                 Duration validity, byte[] extensions) {
        byte[] algorithm = Der.sequence(Der.oid(ECDSA_SHA256));
        byte[] tbs = Der.sequence(
                Der.context(0, true, Der.integer(BigInteger.TWO)),
                Der.integer(new BigInteger(127, random).add(BigInteger.ONE)),
                algorithm,
                name(issuer),
                Der.sequence(Der.time(now.minus(BACKDATE).atZone(ZoneOffset.UTC)),
                        Der.time(now.plus(validity).atZone(ZoneOffset.UTC))),
                name(subject),
                keys.getPublic().getEncoded(),
                Der.context(3, true, extensions));
        try {
            Signature signature = Signature.getInstance("SHA256withECDSA");
            signature.initSign(signer, random);
            signature.update(tbs);
            byte[] der = Der.sequence(tbs, algorithm, Der.bits(signature.sign()));
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a certificate: " + e.getMessage(), e);
        }
    }

    private static byte[] name(String commonName) {
        return Der.sequence(Der.tlv(Der.SET, Der.sequence(Der.oid(COMMON_NAME), Der.utf8(commonName))));
    }

    private static byte[] extension(String oid, boolean critical, byte[] value) {
        return critical ? Der.sequence(Der.oid(oid), Der.bool(true), Der.octets(value))
                : Der.sequence(Der.oid(oid), Der.octets(value));
    }

    /** dNSName is {@code [2] IA5String}, iPAddress {@code [7] OCTET STRING}. */
    private static byte[] subjectAltNames(List<String> names) {
        List<byte[]> entries = new ArrayList<>();
        for (String name : names) {
            entries.add(isAddress(name) ? Der.context(7, false, address(name))
                    : Der.context(2, false, name.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        }
        return Der.sequence(entries.toArray(byte[][]::new));
    }

    static boolean isAddress(String name) {
        return name.matches("\\d{1,3}(\\.\\d{1,3}){3}") || name.contains(":");
    }

    private static byte[] address(String literal) {
        try {
            return InetAddress.getByName(literal).getAddress(); // a literal: no lookup happens
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: " + literal, e);
        }
    }

    private static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC P-256 in this JDK", e);
        }
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
