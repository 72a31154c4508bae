package dev.locus.admission.certs;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import dev.locus.tls.KeyPairs;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Certificates for the webhook without cert-manager: keeps a CA and a serving certificate in
 * a Secret ({@code kubernetes.io/tls}: {@code tls.crt}, {@code tls.key}, {@code ca.crt},
 * plus {@code ca.key} so that later runs renew the serving certificate under the same CA),
 * and writes the CA into the {@code caBundle} of every webhook of a
 * MutatingWebhookConfiguration. Idempotent: a run that finds everything valid changes nothing.
 *
 * <p>Design (after cert-manager's CA injector): what is in the Secret is the truth; the
 * configuration's caBundle is derived from it and rewritten only when it differs. The serving
 * certificate is re-issued when it is missing, unreadable, not signed by the CA, not for the
 * requested names, or past two thirds of its life (cert-manager's renewal point); the CA is
 * re-made only when it is missing, unreadable or past two thirds of its life, and then the
 * serving certificate with it. Locus re-reads the mounted Secret every
 * {@code tls.reloadIntervalSeconds}, so a renewal needs no restart.
 *
 * <p>A CA rotation must not leave the API server unable to verify what Locus serves: Locus
 * serves the old certificate until its pods have read the new Secret (about two minutes), and
 * with {@code failurePolicy: Ignore} every pod created meanwhile would miss the webhook. So the
 * old CA is kept as {@code previous-ca.crt} and the caBundle holds both CAs, written
 * <em>before</em> the Secret's new serving certificate. The old CA stays while an endpoint of
 * the webhook's Service is seen serving a certificate it signed ({@link ServedCertificates}),
 * and leaves at the first later run that sees every endpoint serve one of the new CA; when
 * some endpoint cannot be seen (no endpoint, not allowed to list them, or one that does not
 * answer), at the first run {@link #PREVIOUS_CA_KEPT} after the serving certificate under the
 * new CA was written; and always when it expires or at the next rotation.
 */
public final class WebhookCertificates {

    /** The API access {@link #ensure} needs: what the Role and ClusterRole in deploy/ grant (a test keeps them in step). */
    public record Access(String group, String resource, List<String> verbs, boolean namespaced) {
    }

    public static final List<Access> ACCESS = List.of(
            new Access("", "secrets", List.of("get", "create", "update"), true),
            new Access("discovery.k8s.io", "endpointslices", List.of("list"), true),
            new Access("admissionregistration.k8s.io", "mutatingwebhookconfigurations", List.of("get", "update"), false));

    static final String CA_CERT = "ca.crt";
    static final String CA_KEY = "ca.key";
    static final String TLS_CERT = "tls.crt";
    static final String TLS_KEY = "tls.key";
    /** The CA before the last rotation, kept in the caBundle while Locus may still serve a certificate it signed. */
    static final String PREVIOUS_CA_CERT = "previous-ca.crt";

    /**
     * When what the Locus pods serve cannot be seen: how long the previous CA stays in the
     * caBundle after a serving certificate under the new CA was written, 1 day. A Locus pod
     * serves a new Secret within about two minutes (the kubelet's Secret sync, about a minute,
     * then {@code tls.reloadIntervalSeconds}, 30 s by default) and a restarted pod at once; a
     * day also covers a node that was cut off for a while. Shorter risks a window where the API
     * server cannot verify what a pod serves; longer only keeps trusting a CA whose key is gone
     * from the Secret.
     */
    static final Duration PREVIOUS_CA_KEPT = Duration.ofDays(1);

    /**
     * What a run did, for its log line and the tests.
     *
     * @param previousCaKeptFor why the caBundle still holds the CA before the last rotation
     *                          (each endpoint not yet serving a certificate of the current CA,
     *                          or the time it is kept until); empty when it does not
     */
    public record Result(boolean caIssued, boolean servingIssued, int bundlesPatched, List<String> previousCaKeptFor) {
        public Result {
            previousCaKeptFor = List.copyOf(previousCaKeptFor);
        }

        /** True when the caBundle holds the CA before the last rotation too. */
        public boolean previousCaTrusted() {
            return !previousCaKeptFor.isEmpty();
        }
    }

    /**
     * @param namespace      where the Secret lives
     * @param secret         the Secret's name
     * @param service        the webhook's Service (its EndpointSlices name the Locus pods)
     * @param names          the serving certificate's names: the Service's DNS names (and IPs, for a URL)
     * @param configuration  the MutatingWebhookConfiguration whose webhooks get the caBundle
     * @param caValidity     the CA's lifetime
     * @param servingValidity the serving certificate's lifetime
     */
    public record Request(String namespace, String secret, String service, List<String> names, String configuration,
                          Duration caValidity, Duration servingValidity) {
        public Request {
            Objects.requireNonNull(namespace);
            Objects.requireNonNull(secret);
            Objects.requireNonNull(service);
            names = List.copyOf(names);
            if (names.isEmpty()) {
                throw new IllegalArgumentException("the serving certificate needs at least one name");
            }
            Objects.requireNonNull(configuration);
        }
    }

    private final KubernetesClient client;
    private final CertificateIssuer issuer = new CertificateIssuer();

    public WebhookCertificates(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Makes the Secret and the caBundle right; throws with a message naming the object on an API
     * failure. The caBundle is written before the Secret: the API server must trust a new CA
     * before any Locus pod can serve a certificate it signed.
     */
    public Result ensure(Request request, Instant now) {
        Secret existing = client.secrets().inNamespace(request.namespace()).withName(request.secret()).get();
        Map<String, String> data = existing == null || existing.getData() == null ? Map.of() : existing.getData();
        CertificateIssuer.Issued ca = usableCa(data);
        boolean newCa = ca == null || renewalDue(ca.certificate(), now);
        // the CA of the certificate Locus serves until it has read the new Secret
        X509Certificate previous = certificate(data, newCa ? CA_CERT : PREVIOUS_CA_CERT);
        if (newCa) {
            ca = issuer.ca("locus-webhook-ca", now, request.caValidity());
        }
        CertificateIssuer.Issued serving = newCa ? null : read(data, TLS_CERT, TLS_KEY);
        boolean newServing = serving == null || !servingFits(serving, ca.certificate(), request.names(), now);
        if (newServing) {
            serving = issuer.serving(ca, request.names(), now, request.servingValidity());
        }
        List<String> keptFor = previous == null ? List.of()
                : previousCaKeptFor(request, previous, newCa, ca.certificate(), serving.certificate(), now);
        if (keptFor.isEmpty()) {
            previous = null;
        }
        int patched = inject(request.configuration(), bundle(ca.certificate(), previous));
        if (newCa || newServing || previous == null && data.containsKey(PREVIOUS_CA_CERT)) {
            write(request, existing, ca, serving, previous);
        }
        return new Result(newCa, newServing, patched, keptFor);
    }

    /** The Secret's CA, or null when it is missing, unreadable, or of a kind the issuer cannot sign with. */
    private static CertificateIssuer.Issued usableCa(Map<String, String> data) {
        CertificateIssuer.Issued ca = read(data, CA_CERT, CA_KEY);
        return ca != null && "EC".equals(ca.key().getAlgorithm()) ? ca : null; // the issuer signs with ECDSA only
    }

    /**
     * Why the previous CA must stay in the caBundle; empty when it can go. It goes once it has
     * expired. It stays through the run that replaced it (Locus serves a certificate it signed
     * until it reads the new Secret), and afterwards while an endpoint of the webhook's Service
     * serves a certificate {@code ca} did not sign. When not every endpoint can be seen (none,
     * the EndpointSlices cannot be listed, or one does not answer) it stays until
     * {@link #PREVIOUS_CA_KEPT} after {@code serving} (signed by {@code ca}) was written.
     */
    private List<String> previousCaKeptFor(Request request, X509Certificate previous, boolean newCa,
                                           X509Certificate ca, X509Certificate serving, Instant now) {
        if (!now.isBefore(previous.getNotAfter().toInstant())) {
            return List.of();
        }
        if (newCa) {
            return List.of("the CA was replaced in this run: Locus serves a certificate of the previous one"
                    + " until it reads the new Secret");
        }
        String unseen;
        try {
            List<ServedCertificates.Served> served = ServedCertificates.of(client, request.namespace(), request.service());
            List<String> old = served.stream().filter(s -> s.certificate() != null && !s.signedBy(ca))
                    .map(s -> s.endpoint() + ": serves a certificate the current CA did not sign").toList();
            if (!old.isEmpty()) {
                return old;
            }
            List<String> silent = served.stream().filter(s -> s.certificate() == null)
                    .map(s -> s.endpoint() + ": " + s.problem()).toList();
            if (!served.isEmpty() && silent.isEmpty()) {
                return List.of(); // every endpoint serves a certificate of the current CA
            }
            unseen = served.isEmpty() ? "Service " + request.namespace() + "/" + request.service() + " has no endpoint"
                    : String.join("; ", silent);
        } catch (KubernetesClientException e) {
            unseen = "the EndpointSlices of Service " + request.namespace() + "/" + request.service()
                    + " could not be listed (" + e.getMessage() + ")";
        }
        Instant until = serving.getNotBefore().toInstant().plus(CertificateIssuer.BACKDATE).plus(PREVIOUS_CA_KEPT);
        return now.isBefore(until) ? List.of("until " + until + ": " + unseen) : List.of();
    }

    /** The caBundle: the current CA, then the previous one while it is kept (PEM, concatenated). */
    private static String bundle(X509Certificate ca, X509Certificate previous) {
        return previous == null ? pem(ca) : pem(ca) + pem(previous);
    }

    private void write(Request request, Secret existing, CertificateIssuer.Issued ca, CertificateIssuer.Issued serving,
                       X509Certificate previous) {
        Map<String, String> data = new HashMap<>();
        if (previous != null) {
            data.put(PREVIOUS_CA_CERT, base64(pem(previous)));
        }
        data.put(CA_CERT, base64(ca.certificatePem()));
        data.put(CA_KEY, base64(ca.keyPem()));
        data.put(TLS_CERT, base64(serving.certificatePem()));
        data.put(TLS_KEY, base64(serving.keyPem()));
        if (existing == null) {
            Secret secret = new SecretBuilder().withNewMetadata().withName(request.secret())
                    .withNamespace(request.namespace())
                    .addToLabels("app.kubernetes.io/part-of", "locus")
                    .addToLabels("app.kubernetes.io/managed-by", "locus-webhook-certs")
                    .endMetadata().withType("kubernetes.io/tls").withData(data).build();
            client.secrets().inNamespace(request.namespace()).resource(secret).create();
        } else {
            // resourceVersion kept: a concurrent writer makes this update fail (409), never lose a write
            existing.setData(data);
            client.secrets().inNamespace(request.namespace()).resource(existing).update();
        }
    }

    /** Sets {@code caBundle} on every webhook of the configuration; returns how many changed. */
    private int inject(String configuration, String bundlePem) {
        var resource = client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(configuration);
        MutatingWebhookConfiguration config = resource.get();
        if (config == null) {
            throw new IllegalStateException("MutatingWebhookConfiguration " + configuration + " not found: apply it first");
        }
        String bundle = base64(bundlePem);
        int changed = 0;
        for (MutatingWebhook webhook : config.getWebhooks()) {
            if (!bundle.equals(webhook.getClientConfig().getCaBundle())) {
                webhook.getClientConfig().setCaBundle(bundle);
                changed++;
            }
        }
        if (changed > 0) {
            client.admissionRegistration().v1().mutatingWebhookConfigurations().resource(config).update();
        }
        return changed;
    }

    /** Past two thirds of its life, or not yet valid (a clock far off, or a bad file). */
    static boolean renewalDue(X509Certificate certificate, Instant now) {
        Instant from = certificate.getNotBefore().toInstant();
        Instant until = certificate.getNotAfter().toInstant();
        Instant renewAt = from.plus(Duration.between(from, until).multipliedBy(2).dividedBy(3));
        return now.isBefore(from) || !now.isBefore(renewAt);
    }

    private static boolean servingFits(CertificateIssuer.Issued issued, X509Certificate ca, List<String> names,
                                       Instant now) {
        X509Certificate serving = issued.certificate();
        try {
            serving.verify(ca.getPublicKey());
            if (!KeyPairs.testable(issued.key()) || !KeyPairs.belongTogether(issued.key(), serving)) {
                return false; // a half-written rotation (Locus would refuse the pair), or one nobody can check: re-issued
            }
            var alternatives = serving.getSubjectAlternativeNames();
            if (alternatives == null) {
                return false;
            }
            List<String> present = alternatives.stream().map(entry -> String.valueOf(entry.get(1))).toList();
            return present.containsAll(names) && names.containsAll(present) && !renewalDue(serving, now);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** The certificate and key under two keys of the Secret, or null when either is missing or unreadable. */
    private static CertificateIssuer.Issued read(Map<String, String> data, String certKey, String keyKey) {
        String cert = data.get(certKey);
        String key = data.get(keyKey);
        if (cert == null || key == null) {
            return null;
        }
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(cert)));
            String pem = new String(Base64.getDecoder().decode(key), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            // the key's kind is the certificate's: RSA or EC (a Secret written by another tool), not only ours
            PrivateKey privateKey = KeyFactory.getInstance(certificate.getPublicKey().getAlgorithm())
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
            return new CertificateIssuer.Issued(certificate, privateKey);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The certificate under {@code key} of the Secret, or null when it is missing or unreadable. */
    private static X509Certificate certificate(Map<String, String> data, String key) {
        String cert = data.get(key);
        try {
            return cert == null ? null : (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(cert)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String pem(X509Certificate certificate) {
        try {
            return CertificateIssuer.pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.US_ASCII));
    }
}
