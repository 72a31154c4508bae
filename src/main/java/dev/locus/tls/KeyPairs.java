package dev.locus.tls;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Map;

/**
 * The one check that a private key is the key of a certificate, for every TLS user in Locus:
 * the ports' PEM files ({@code http.TlsOptions}) and the webhook's self-issued certificates
 * ({@code admission.certs.WebhookCertificates}).
 *
 * <p>Design: the key signs a random challenge and the certificate's public key verifies it,
 * with a signature algorithm of the key's own kind (RSA, EC, EdDSA, DSA), so the check works
 * whatever kind of key a user or a tool made. Comparing encoded public keys would need a
 * per-algorithm way to derive the public key from the private one; a signature needs none.
 * A package of its own because both {@code http} and {@code admission.certs} use it and
 * neither may use the other; it uses nothing of Locus.
 */
public final class KeyPairs {

    /** Key algorithm -> a signature algorithm that proves a key and certificate belong together. */
    private static final Map<String, String> PROOF = Map.of("RSA", "SHA256withRSA", "EC", "SHA256withECDSA",
            "EdDSA", "EdDSA", "Ed25519", "Ed25519", "Ed448", "Ed448", "DSA", "SHA256withDSA");

    private KeyPairs() {
    }

    /** True when {@link #belongTogether} can test a key of this kind (not, e.g., RSASSA-PSS). */
    public static boolean testable(PrivateKey key) {
        return PROOF.containsKey(key.getAlgorithm());
    }

    /**
     * True when {@code key} signs what {@code certificate}'s public key verifies; also true for
     * a kind of key this check cannot test (RSASSA-PSS), where the TLS handshake will tell.
     */
    public static boolean belongTogether(PrivateKey key, X509Certificate certificate) {
        String algorithm = PROOF.get(key.getAlgorithm());
        if (algorithm == null) {
            return true;
        }
        try {
            byte[] challenge = new byte[32];
            new SecureRandom().nextBytes(challenge);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
