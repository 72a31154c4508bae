package dev.locus.admission.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.ByteArrayInputStream;
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

    private static final Instant NOW = Instant.parse("2026-12-04T19:00:00Z");
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
        assertEquals(new WebhookCertificates.Result(true, true, 1), result);

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

        assertEquals(new WebhookCertificates.Result(false, false, 0), again);
        assertEquals(version, secret().getMetadata().getResourceVersion());
        assertEquals(bundleVersion, configuration().getMetadata().getResourceVersion());
    }

    @Test
    void theServingCertificateIsRenewedUnderTheSameCaAfterTwoThirdsOfItsLife() {
        new WebhookCertificates(client).ensure(REQUEST, NOW);
        String ca = base64Text(secret(), WebhookCertificates.CA_CERT);
        String serving = base64Text(secret(), WebhookCertificates.TLS_CERT);

        WebhookCertificates.Result later = new WebhookCertificates(client).ensure(REQUEST, NOW.plus(Duration.ofDays(250)));

        assertEquals(new WebhookCertificates.Result(false, true, 0), later);
        assertEquals(ca, base64Text(secret(), WebhookCertificates.CA_CERT));
        assertNotEquals(serving, base64Text(secret(), WebhookCertificates.TLS_CERT));
    }

    @Test
    void aServingKeyThatIsNotTheCertificatesIsReplaced() {
        new WebhookCertificates(client).ensure(REQUEST, NOW);
        Secret secret = secret();
        secret.getData().put(WebhookCertificates.TLS_KEY, secret.getData().get(WebhookCertificates.CA_KEY));
        client.secrets().inNamespace("locus-system").resource(secret).update();

        assertEquals(new WebhookCertificates.Result(false, true, 0), new WebhookCertificates(client).ensure(REQUEST, NOW));
    }

    @Test
    void otherNamesGetANewServingCertificate() {
        new WebhookCertificates(client).ensure(REQUEST, NOW);
        WebhookCertificates.Request renamed = CertificatesCommand.parse(new String[] {"--service", "other"});
        assertTrue(new WebhookCertificates(client).ensure(renamed, NOW).servingIssued());
    }

    @Test
    void aLostCaIsRemadeAndInjectedAgain() {
        new WebhookCertificates(client).ensure(REQUEST, NOW);
        String bundle = caBundle();
        Secret secret = secret();
        secret.getData().remove(WebhookCertificates.CA_KEY);
        client.secrets().inNamespace("locus-system").resource(secret).update();

        WebhookCertificates.Result result = new WebhookCertificates(client).ensure(REQUEST, NOW);

        assertEquals(new WebhookCertificates.Result(true, true, 1), result);
        assertNotEquals(bundle, caBundle());
        assertFalse(caBundle().isEmpty());
    }

    private Secret secret() {
        return client.secrets().inNamespace("locus-system").withName("locus-webhook-tls").get();
    }

    private MutatingWebhookConfiguration configuration() {
        return client.admissionRegistration().v1().mutatingWebhookConfigurations().withName("locus-scheduler-name").get();
    }

    private String caBundle() {
        return configuration().getWebhooks().get(0).getClientConfig().getCaBundle();
    }

    private static String base64Text(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.US_ASCII);
    }

    private static X509Certificate certificate(Secret secret, String key) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Base64.getDecoder().decode(secret.getData().get(key))));
    }
}
