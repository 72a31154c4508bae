package dev.locus.admission.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code locus webhook-certs} against fabric8's mock API server in CRUD mode: the first run
 * makes a CA and a serving certificate and injects the caBundle; a second run changes nothing;
 * a serving certificate past two thirds of its life, or for other names, is re-issued under
 * the same CA; a lost CA is re-made and re-injected.
 */
@EnableKubernetesMockClient(crud = true)
class WebhookCertificatesTest {

    KubernetesClient client;
    KubernetesMockServer server;

    private static final Instant NOW = Instant.parse("2026-12-04T19:00:00Z");
    /** Past two thirds of the life of a CA made at {@link #NOW} (3650 days): a run then replaces it. */
    private static final Instant ROTATION = NOW.plus(Duration.ofDays(2500));
    private static final WebhookCertificates.Request REQUEST = CertificatesCommand.parse(new String[] {
        "--namespace", "locus-system", "--name", "127.0.0.1"});

    @BeforeEach
    void webhookConfiguration() {
        MutatingWebhookConfiguration config = new MutatingWebhookConfigurationBuilder()
                .withNewMetadata().withName("locus-scheduler-name").endMetadata()
                .addNewWebhook().withName("scheduler-name.locus.dev").withNewClientConfig().withNewService()
                .withName("locus-webhook").withNamespace("locus-system").withPath("/mutate-scheduler-name").endService()
                .endClientConfig().withSideEffects("None").withAdmissionReviewVersions("v1").endWebhook().build();
        client.admissionRegistration().v1().mutatingWebhookConfigurations().resource(config).create();
    }

    @Test
    void firstRunMakesACaAndAServingCertificateTheApiServerCanVerify() throws Exception {
        WebhookCertificates.Result result = new WebhookCertificates(client).ensure(REQUEST, NOW);
        assertResult(true, true, 1, false, result);

        Secret secret = secret();
        assertEquals("kubernetes.io/tls", secret.getType());
        X509Certificate ca = certificate(secret, WebhookCertificates.CA_CERT);
        X509Certificate serving = certificate(secret, WebhookCertificates.TLS_CERT);
        assertEquals(base64Text(secret, WebhookCertificates.CA_CERT), new String(Base64.getDecoder().decode(caBundle()),
                StandardCharsets.US_ASCII));

        assertEquals(Integer.MAX_VALUE, ca.getBasicConstraints(), "CA:TRUE without a path length");
        assertTrue(ca.getKeyUsage()[5], "keyCertSign");
        assertEquals(-1, serving.getBasicConstraints(), "CA:FALSE");
        assertEquals(List.of("1.3.6.1.5.5.7.3.1"), serving.getExtendedKeyUsage());
        assertEquals(Set.of("locus-webhook.locus-system.svc", "locus-webhook.locus-system.svc.cluster.local",
                "locus-webhook.locus-system", "locus-webhook", "127.0.0.1"), Set.copyOf(
                serving.getSubjectAlternativeNames().stream().map(n -> String.valueOf(n.get(1))).toList()));
        // the chain validates with PKIX, as a TLS client checks it
        PKIXParameters pkix = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        pkix.setRevocationEnabled(false);
        pkix.setDate(Date.from(NOW));
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(serving)), pkix);
    }

    @Test
    void aSecondRunChangesNothing() {
        new WebhookCertificates(client).ensure(REQUEST, NOW);
        String version = secret().getMetadata().getResourceVersion();
        String bundleVersion = configuration().getMetadata().getResourceVersion();

        WebhookCertificates.Result again = new WebhookCertificates(client).ensure(REQUEST, NOW.plus(Duration.ofDays(30)));

        assertResult(false, false, 0, false, again);
        assertEquals(version, secret().getMetadata().getResourceVersion());
        assertEquals(bundleVersion, configuration().getMetadata().getResourceVersion());
    }

    @Test
    void theServingCertificateIsRenewedUnderTheSameCaAfterTwoThirdsOfItsLife() {
        new WebhookCertificates(client).ensure(REQUEST, NOW);
        String ca = base64Text(secret(), WebhookCertificates.CA_CERT);
        String serving = base64Text(secret(), WebhookCertificates.TLS_CERT);

        WebhookCertificates.Result later = new WebhookCertificates(client).ensure(REQUEST, NOW.plus(Duration.ofDays(250)));

        assertResult(false, true, 0, false, later);
        assertEquals(ca, base64Text(secret(), WebhookCertificates.CA_CERT));
        assertNotEquals(serving, base64Text(secret(), WebhookCertificates.TLS_CERT));
    }

    @Test
    void aServingKeyThatIsNotTheCertificatesIsReplaced() {
        new WebhookCertificates(client).ensure(REQUEST, NOW);
        Secret secret = secret();
        secret.getData().put(WebhookCertificates.TLS_KEY, secret.getData().get(WebhookCertificates.CA_KEY));
        client.secrets().inNamespace("locus-system").resource(secret).update();

        assertResult(false, true, 0, false, new WebhookCertificates(client).ensure(REQUEST, NOW));
    }

    @Test
    void anRsaServingCertificateUnderTheCaIsKept() throws Exception {
        new WebhookCertificates(client).ensure(REQUEST, NOW);
        Secret secret = secret();
        KeyPair rsa = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        secret.getData().put(WebhookCertificates.TLS_CERT, base64(pem("CERTIFICATE", rsaServing(secret, rsa).getEncoded())));
        secret.getData().put(WebhookCertificates.TLS_KEY, base64(pem("PRIVATE KEY", rsa.getPrivate().getEncoded())));
        client.secrets().inNamespace("locus-system").resource(secret).update();

        // read and checked as RSA (the one check, dev.locus.tls.KeyPairs), not taken for a broken pair
        assertResult(false, false, 0, false, new WebhookCertificates(client).ensure(REQUEST, NOW));
    }

    /** A kind of key the pair check cannot test (RSASSA-PSS) is not trusted to fit: here it does not. */
    @Test
    void aServingPairOfAnUntestableKindIsReissued() throws Exception {
        new WebhookCertificates(client).ensure(REQUEST, NOW);
        Secret secret = secret();
        KeyPairGenerator pss = KeyPairGenerator.getInstance("RSASSA-PSS");
        secret.getData().put(WebhookCertificates.TLS_CERT,
                base64(pem("CERTIFICATE", rsaServing(secret, pss.generateKeyPair()).getEncoded())));
        secret.getData().put(WebhookCertificates.TLS_KEY,
                base64(pem("PRIVATE KEY", pss.generateKeyPair().getPrivate().getEncoded()))); // not the certificate's
        client.secrets().inNamespace("locus-system").resource(secret).update();

        assertResult(false, true, 0, false, new WebhookCertificates(client).ensure(REQUEST, NOW));
    }

    @Test
    void otherNamesGetANewServingCertificate() {
        new WebhookCertificates(client).ensure(REQUEST, NOW);
        WebhookCertificates.Request renamed = CertificatesCommand.parse(new String[] {"--service", "other"});
        assertTrue(new WebhookCertificates(client).ensure(renamed, NOW).servingIssued());
    }

    @Test
    void aLostCaIsRemadeAndInjectedAgain() throws Exception {
        new WebhookCertificates(client).ensure(REQUEST, NOW);
        String bundle = caBundle();
        Secret secret = secret();
        secret.getData().remove(WebhookCertificates.CA_KEY);
        client.secrets().inNamespace("locus-system").resource(secret).update();

        X509Certificate lost = certificate(secret, WebhookCertificates.CA_CERT);

        WebhookCertificates.Result result = new WebhookCertificates(client).ensure(REQUEST, NOW);

        assertResult(true, true, 1, true, result);
        assertNotEquals(bundle, caBundle());
        // the lost CA's certificate still signs what Locus serves until it reads the new Secret
        assertEquals(List.of(certificate(secret(), WebhookCertificates.CA_CERT), lost), bundleCertificates());
    }

    @Test
    void aRotatedCaIsTrustedAlongsideTheOldOneUntilLocusServesTheNewCertificate() throws Exception {
        new WebhookCertificates(client).ensure(REQUEST, NOW);
        X509Certificate oldCa = certificate(secret(), WebhookCertificates.CA_CERT);
        X509Certificate oldServing = certificate(secret(), WebhookCertificates.TLS_CERT);

        assertResult(true, true, 1, true, new WebhookCertificates(client).ensure(REQUEST, ROTATION));

        X509Certificate newCa = certificate(secret(), WebhookCertificates.CA_CERT);
        assertNotEquals(oldCa, newCa);
        assertEquals(List.of(newCa, oldCa), bundleCertificates());
        assertEquals(oldCa, certificate(secret(), WebhookCertificates.PREVIOUS_CA_CERT));
        oldServing.verify(oldCa.getPublicKey()); // what Locus still serves verifies against the bundle
        certificate(secret(), WebhookCertificates.TLS_CERT).verify(newCa.getPublicKey()); // and what it will serve
        // the bundle was written before the Secret (the mock server numbers every write in order)
        assertTrue(Long.parseLong(configuration().getMetadata().getResourceVersion())
                < Long.parseLong(secret().getMetadata().getResourceVersion()));

        // within the day Locus gets to switch, a run changes nothing
        String version = secret().getMetadata().getResourceVersion();
        WebhookCertificates.Result within = new WebhookCertificates(client).ensure(REQUEST, ROTATION.plus(Duration.ofHours(12)));
        assertResult(false, false, 0, true, within);
        assertEquals(List.of("until " + ROTATION.plus(WebhookCertificates.PREVIOUS_CA_KEPT)
                + ": Service locus-system/locus-webhook has no endpoint"), within.previousCaKeptFor());
        assertEquals(version, secret().getMetadata().getResourceVersion());

        // after it, the old CA leaves the bundle and the Secret
        assertResult(false, false, 1, false,
                new WebhookCertificates(client).ensure(REQUEST, ROTATION.plus(WebhookCertificates.PREVIOUS_CA_KEPT)));
        assertEquals(List.of(newCa), bundleCertificates());
        assertFalse(secret().getData().containsKey(WebhookCertificates.PREVIOUS_CA_CERT));
    }

    @Test
    void theOldCaStaysPastTheDayWhileALocusEndpointStillServesACertificateItSigned() throws Exception {
        Secret before = rotated();
        X509Certificate oldCa = certificate(before, WebhookCertificates.CA_CERT);
        X509Certificate newCa = certificate(secret(), WebhookCertificates.CA_CERT);
        try (TlsEndpoint reloaded = serving(secret()); TlsEndpoint stale = serving(before)) {
            endpointSlice("a", reloaded.port(), true);
            endpointSlice("b", stale.port(), false); // not ready (informers syncing, say) but serving: asked too

            WebhookCertificates.Result kept = new WebhookCertificates(client).ensure(REQUEST,
                    ROTATION.plus(Duration.ofDays(3)));

            assertEquals(List.of("127.0.0.1:" + stale.port() + ": serves a certificate the current CA did not sign"),
                    kept.previousCaKeptFor());
            assertEquals(List.of(newCa, oldCa), bundleCertificates());
            assertTrue(secret().getData().containsKey(WebhookCertificates.PREVIOUS_CA_CERT));

            // that pod has reloaded: every endpoint now serves the new certificate
            client.discovery().v1().endpointSlices().inNamespace("locus-system").withName("b").delete();
            endpointSlice("c", reloaded.port(), false);
            WebhookCertificates.Result dropped = new WebhookCertificates(client).ensure(REQUEST,
                    ROTATION.plus(Duration.ofDays(3)));

            assertResult(false, false, 1, false, dropped);
            assertEquals(List.of(newCa), bundleCertificates());
            assertFalse(secret().getData().containsKey(WebhookCertificates.PREVIOUS_CA_CERT));
        }
    }

    @Test
    void theOldCaLeavesWithinTheDayOnceEveryLocusEndpointServesTheNewCertificate() throws Exception {
        Secret before = rotated();
        try (TlsEndpoint reloaded = serving(secret()); TlsEndpoint other = serving(before)) {
            endpointSlice("a", reloaded.port(), true);
            endpointSlice("u", "UDP", other.port(), true); // a port that is not TCP is not the webhook's

            assertResult(false, false, 1, false,
                    new WebhookCertificates(client).ensure(REQUEST, ROTATION.plus(Duration.ofMinutes(5))));
            assertEquals(List.of(certificate(secret(), WebhookCertificates.CA_CERT)), bundleCertificates());
        }
    }

    @Test
    void anEndpointThatDoesNotAnswerKeepsTheOldCaForTheDayOnly() throws Exception {
        rotated();
        try (ServerSocket hangsUp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                while (!hangsUp.isClosed()) {
                    try (Socket connection = hangsUp.accept()) {
                        // closed at once: no handshake
                    } catch (IOException e) {
                        // closed
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            endpointSlice("a", hangsUp.getLocalPort(), true);

            WebhookCertificates.Result kept = new WebhookCertificates(client).ensure(REQUEST,
                    ROTATION.plus(Duration.ofHours(1)));

            assertEquals(1, kept.previousCaKeptFor().size(), kept.toString());
            assertTrue(kept.previousCaKeptFor().get(0).startsWith("until "
                    + ROTATION.plus(WebhookCertificates.PREVIOUS_CA_KEPT) + ": 127.0.0.1:" + hangsUp.getLocalPort()
                    + ": no certificate seen ("), kept.previousCaKeptFor().get(0));
            assertEquals(2, bundleCertificates().size());
            // what it serves cannot be known (a NetworkPolicy, a node cut off): the day, as without endpoints
            assertResult(false, false, 1, false,
                    new WebhookCertificates(client).ensure(REQUEST, ROTATION.plus(Duration.ofDays(3))));
        }
    }

    @Test
    void endpointSlicesItMayNotListFallBackToTheDay() {
        rotated();
        server.expect().get().withPath("/apis/discovery.k8s.io/v1/namespaces/locus-system/endpointslices"
                + "?labelSelector=kubernetes.io%2Fservice-name%3Dlocus-webhook").andReturn(403, "{\"kind\":\"Status\","
                + "\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"Forbidden\",\"code\":403,\"message\":"
                + "\"endpointslices.discovery.k8s.io is forbidden\"}").always();

        WebhookCertificates.Result within = new WebhookCertificates(client).ensure(REQUEST, ROTATION.plus(Duration.ofHours(1)));

        assertEquals(1, within.previousCaKeptFor().size(), within.toString());
        assertTrue(within.previousCaKeptFor().get(0).startsWith("until " + ROTATION.plus(WebhookCertificates.PREVIOUS_CA_KEPT)
                + ": the EndpointSlices of Service locus-system/locus-webhook could not be listed ("), within.toString());
        assertResult(false, false, 1, false, new WebhookCertificates(client).ensure(REQUEST, ROTATION.plus(Duration.ofDays(3))));
    }

    /** A run at {@link #NOW}, then one at {@link #ROTATION}, which replaces the CA: the Secret between the two. */
    private Secret rotated() {
        new WebhookCertificates(client).ensure(REQUEST, NOW);
        Secret before = secret();
        new WebhookCertificates(client).ensure(REQUEST, ROTATION);
        return before;
    }

    /** A Locus pod serving the Secret's serving certificate. */
    private static TlsEndpoint serving(Secret secret) throws Exception {
        String key = base64Text(secret, WebhookCertificates.TLS_KEY).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return new TlsEndpoint(certificate(secret, WebhookCertificates.TLS_CERT),
                KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(key))));
    }

    /** An EndpointSlice of the webhook's Service with one endpoint, 127.0.0.1:{@code port}. */
    private void endpointSlice(String name, int port, boolean ready) {
        endpointSlice(name, "TCP", port, ready);
    }

    private void endpointSlice(String name, String protocol, int port, boolean ready) {
        client.discovery().v1().endpointSlices().inNamespace("locus-system").resource(new EndpointSliceBuilder()
                .withNewMetadata().withName(name).addToLabels(ServedCertificates.SERVICE_LABEL, "locus-webhook").endMetadata()
                .withAddressType("IPv4").addNewEndpoint().withAddresses("127.0.0.1").withNewConditions().withReady(ready)
                .endConditions().endEndpoint().addNewPort().withName("webhook").withPort(port).withProtocol(protocol).endPort()
                .build()).create();
    }

    private static void assertResult(boolean caIssued, boolean servingIssued, int bundlesPatched, boolean previousCaTrusted,
                                     WebhookCertificates.Result result) {
        assertEquals(List.of(caIssued, servingIssued, bundlesPatched, previousCaTrusted), List.of(result.caIssued(),
                result.servingIssued(), result.bundlesPatched(), result.previousCaTrusted()), result.toString());
    }

    private Secret secret() {
        return client.secrets().inNamespace("locus-system").withName("locus-webhook-tls").get();
    }

    private MutatingWebhookConfiguration configuration() {
        return client.admissionRegistration().v1().mutatingWebhookConfigurations().withName("locus-scheduler-name").get();
    }

    private List<X509Certificate> bundleCertificates() throws Exception {
        return CertificateFactory.getInstance("X.509").generateCertificates(
                new ByteArrayInputStream(Base64.getDecoder().decode(caBundle()))).stream()
                .map(X509Certificate.class::cast).toList();
    }

    private String caBundle() {
        return configuration().getWebhooks().get(0).getClientConfig().getCaBundle();
    }

    /** A serving certificate for the request's names with an RSA (or RSASSA-PSS) key, signed by the Secret's (EC) CA. */
    private static X509Certificate rsaServing(Secret secret, KeyPair rsa) throws Exception {
        X509Certificate ca = certificate(secret, WebhookCertificates.CA_CERT);
        String caKey = base64Text(secret, WebhookCertificates.CA_KEY).replaceAll("-----[A-Z ]+-----", "")
                .replaceAll("\\s", "");
        PrivateKey signer = KeyFactory.getInstance("EC").generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(caKey)));
        GeneralNames names = new GeneralNames(REQUEST.names().stream().map(name -> name.matches("[0-9.]+")
                ? new GeneralName(GeneralName.iPAddress, name) : new GeneralName(GeneralName.dNSName, name))
                .toArray(GeneralName[]::new));
        return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(
                X500Name.getInstance(ca.getSubjectX500Principal().getEncoded()), BigInteger.TWO,
                Date.from(NOW.minus(Duration.ofMinutes(5))), Date.from(NOW.plus(Duration.ofDays(365))),
                new X500Name("CN=locus-webhook"), rsa.getPublic())
                .addExtension(Extension.subjectAlternativeName, false, names)
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }

    private static String base64Text(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.US_ASCII);
    }

    private static X509Certificate certificate(Secret secret, String key) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Base64.getDecoder().decode(secret.getData().get(key))));
    }
}
