package dev.locus.e2e;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The control plane's PKI, made with BouncyCastle the way the shared {@code pki.sh} makes it
 * with openssl: a CA; the apiserver's serving certificate (127.0.0.1, localhost, kubernetes.*);
 * client certificates for the admin, the scheduler, the controller manager and the
 * apiserver's kubelet client; a front-proxy CA and client; the service-account key pair; and a
 * kubeconfig per client. RSA 2048 keys in PKCS#1 PEM, which both Go and fabric8 read.
 */
final class KubePki {

    private static final AtomicLong SERIALS = new AtomicLong(System.currentTimeMillis());
    private static final String SERVER_NAMES = "kubernetes,kubernetes.default,kubernetes.default.svc,"
            + "kubernetes.default.svc.cluster.local,localhost";

    private final Path dir;

    private record Issued(X509Certificate cert, KeyPair keys) {
    }

    private KubePki(Path dir) {
        this.dir = dir;
    }

    /** Writes every file into {@code dir} for an apiserver at {@code apiUrl}; returns the folder. */
    static Path create(Path dir, String apiUrl) throws IOException {
        Files.createDirectories(dir);
        new KubePki(dir).write(apiUrl);
        return dir;
    }

    private void write(String apiUrl) throws IOException {
        Issued ca = ca("e2e-ca");
        save("ca", ca);
        save("apiserver", issue(ca, "CN=kube-apiserver", true));
        save("admin", issue(ca, "O=system:masters,CN=kubernetes-admin", false));
        save("scheduler", issue(ca, "CN=system:kube-scheduler", false));
        save("controller-manager", issue(ca, "CN=system:kube-controller-manager", false));
        save("apiserver-kubelet-client", issue(ca, "O=system:masters,CN=kube-apiserver-kubelet-client", false));
        Issued frontProxy = ca("e2e-front-proxy-ca");
        save("front-proxy-ca", frontProxy);
        save("front-proxy-client", issue(frontProxy, "CN=front-proxy-client", false));
        KeyPair sa = rsa();
        Files.writeString(dir.resolve("sa.key"), pem(sa.getPrivate()));
        Files.writeString(dir.resolve("sa.pub"), pem(sa.getPublic()));
        kubeconfig("admin", "kubernetes-admin", apiUrl);
        kubeconfig("scheduler", "system:kube-scheduler", apiUrl);
        kubeconfig("controller-manager", "system:kube-controller-manager", apiUrl);
    }

    /** {@code NAME.kubeconfig} for the client certificate {@code NAME.crt}. */
    private void kubeconfig(String name, String user, String apiUrl) throws IOException {
        String text = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: e2e
                  cluster:
                    server: %s
                    certificate-authority-data: %s
                users:
                - name: %s
                  user:
                    client-certificate-data: %s
                    client-key-data: %s
                contexts:
                - name: e2e
                  context:
                    cluster: e2e
                    user: %s
                    namespace: default
                current-context: e2e
                """.formatted(apiUrl, base64("ca.crt"), user, base64(name + ".crt"), base64(name + ".key"), user);
        Files.writeString(dir.resolve(name + ".kubeconfig"), text);
    }

    private String base64(String file) throws IOException {
        return Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve(file)));
    }

    private void save(String name, Issued issued) throws IOException {
        Files.writeString(dir.resolve(name + ".crt"), pem(issued.cert()));
        Files.writeString(dir.resolve(name + ".key"), pem(issued.keys().getPrivate()));
    }

    private static Issued ca(String name) throws IOException {
        KeyPair keys = rsa();
        X509v3CertificateBuilder b = builder(new X500Name("CN=" + name), new X500Name("CN=" + name), keys);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        b.addExtension(Extension.keyUsage, true,
                new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        return new Issued(sign(b, keys), keys);
    }

    private static Issued issue(Issued ca, String subject, boolean server) throws IOException {
        KeyPair keys = rsa();
        X500Name issuer = X500Name.getInstance(ca.cert().getSubjectX500Principal().getEncoded());
        X509v3CertificateBuilder b = builder(issuer, new X500Name(subject), keys);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
        b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        b.addExtension(Extension.extendedKeyUsage, false,
                new ExtendedKeyUsage(server ? KeyPurposeId.id_kp_serverAuth : KeyPurposeId.id_kp_clientAuth));
        if (server) {
            b.addExtension(Extension.subjectAlternativeName, false, serverNames());
        }
        return new Issued(sign(b, ca.keys()), keys);
    }

    private static GeneralNames serverNames() {
        String[] dns = SERVER_NAMES.split(",");
        GeneralName[] names = new GeneralName[dns.length + 2];
        names[0] = new GeneralName(GeneralName.iPAddress, "127.0.0.1");
        names[1] = new GeneralName(GeneralName.iPAddress, "10.0.0.1");
        for (int i = 0; i < dns.length; i++) {
            names[i + 2] = new GeneralName(GeneralName.dNSName, dns[i]);
        }
        return new GeneralNames(names);
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(SERIALS.incrementAndGet()),
                Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(Duration.ofDays(30))), subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, KeyPair issuer) {
        try {
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuer.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PEM of a certificate, a public key (PKIX) or a private key (PKCS#1 for RSA). */
    private static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }
}
