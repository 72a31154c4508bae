package dev.locus.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.stream.Stream;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The one key-and-certificate check, for the kinds of keys Locus meets. */
class KeyPairsTest {

    static Stream<Arguments> pairs() throws Exception {
        KeyPair rsa = keys("RSA");
        KeyPair otherRsa = keys("RSA");
        KeyPair ec = keys("EC");
        KeyPair otherEc = keys("EC");
        return Stream.of(
                Arguments.of("RSA key of its certificate", rsa, self(rsa, "SHA256withRSA"), true),
                Arguments.of("another RSA key", otherRsa, self(rsa, "SHA256withRSA"), false),
                Arguments.of("EC key of its certificate", ec, self(ec, "SHA256withECDSA"), true),
                Arguments.of("another EC key", otherEc, self(ec, "SHA256withECDSA"), false),
                Arguments.of("an EC key for an RSA certificate", ec, self(rsa, "SHA256withRSA"), false),
                Arguments.of("an RSA key for an EC certificate", rsa, self(ec, "SHA256withECDSA"), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void belongTogether(String name, KeyPair key, X509Certificate certificate, boolean expected) {
        assertEquals(expected, KeyPairs.belongTogether(key.getPrivate(), certificate));
    }

    /** RSASSA-PSS keys cannot be proven to match: TLS ports let the handshake tell, webhook-certs re-issues. */
    @Test
    void rsassaPssKeysAreUntestable() throws Exception {
        KeyPair pss = KeyPairGenerator.getInstance("RSASSA-PSS").generateKeyPair();

        assertFalse(KeyPairs.testable(pss.getPrivate()));
        assertTrue(KeyPairs.testable(keys("EC").getPrivate()));
        assertTrue(KeyPairs.testable(keys("RSA").getPrivate()));
    }

    private static KeyPair keys(String algorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize("RSA".equals(algorithm) ? 2048 : 256);
        return generator.generateKeyPair();
    }

    private static X509Certificate self(KeyPair keys, String signature) throws Exception {
        Instant now = Instant.now();
        X500Name name = new X500Name("CN=key-pairs-test");
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name, BigInteger.ONE,
                Date.from(now), Date.from(now.plus(1, ChronoUnit.DAYS)), name, keys.getPublic())
                .build(new JcaContentSignerBuilder(signature).build(keys.getPrivate())));
    }
}
