package dev.locus.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.admission.SchedulerNameWebhook;
import dev.locus.admission.certs.CertificatesCommand;
import dev.locus.admission.certs.WebhookCertificates;
import dev.locus.cluster.ObjectKey;
import dev.locus.http.WebhookServer;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetAddress;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The schedulerName webhook registered with the genuine v1.24 apiserver, with the shipped
 * MutatingWebhookConfiguration (deploy/components/webhook; only the Service reference is
 * swapped for a loopback URL) and certificates made by {@code locus webhook-certs} against the
 * same apiserver (which verifies them with Go's x509). Workloads name no scheduler: the
 * webhook sends those whose claims are in a managed class to Locus's scheduler, and no other.
 */
@ExtendWith(ControlPlaneExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebhookE2E {

    static final String CLASS = "locus-e2e-managed";
    static final String PROVISIONER = "e2e.csi.locus.dev";
    static final String CONFIGURATION = "locus-scheduler-name";

    private ControlPlane plane;
    private KubernetesClient client;
    private int webhookPort;
    private Path cert;
    private Path key;

    @BeforeAll
    void registerTheWebhook(ControlPlane plane) throws IOException {
        this.plane = plane;
        this.client = plane.client();
        Cluster.ensureNodes(client);
        plane.useShippedScheduler("http-nodenames.yaml");
        client.storage().v1().storageClasses().resource(new StorageClassBuilder().withNewMetadata().withName(CLASS)
                .endMetadata().withProvisioner(PROVISIONER).withVolumeBindingMode("Immediate").build()).createOr(c -> c.update());

        webhookPort = LiveLocus.freePort();
        MutatingWebhookConfiguration shipped;
        try (InputStream in = Files.newInputStream(Path.of("deploy/components/webhook/mutatingwebhookconfiguration.yaml"))) {
            shipped = client.getKubernetesSerialization().unmarshal(in, MutatingWebhookConfiguration.class);
        }
        shipped.getWebhooks().get(0).setClientConfig(new WebhookClientConfig(null, null,
                "https://127.0.0.1:" + webhookPort + WebhookServer.PATH));
        client.admissionRegistration().v1().mutatingWebhookConfigurations().resource(shipped).createOr(c -> c.update());

        if (client.namespaces().withName("locus-system").get() == null) {
            plane.createNamespace("locus-system");
        }
        WebhookCertificates.Result made = certificates(Instant.now());
        assertEquals(1, made.bundlesPatched());
        Secret secret = client.secrets().inNamespace("locus-system").withName("locus-webhook-tls").get();
        Path dir = Files.createDirectories(ControlPlaneExtension.WORK_DIR.resolve("webhook"));
        cert = Files.write(dir.resolve("tls.crt"), Base64.getDecoder().decode(secret.getData().get("tls.crt")));
        key = Files.write(dir.resolve("tls.key"), Base64.getDecoder().decode(secret.getData().get("tls.key")));
        startLocusWithWebhook();
    }

    private void startLocusWithWebhook() {
        plane.startLocus(b -> b.webhook(w -> w.port(webhookPort).certFile(cert.toString()).keyFile(key.toString())
                .provisioners(List.of(PROVISIONER))));
        plane.locus().awaitSees("StorageClass " + CLASS, s -> s.storageClass(CLASS) != null);
    }

    @AfterAll
    void unregister() {
        client.admissionRegistration().v1().mutatingWebhookConfigurations().withName(CONFIGURATION).delete();
        plane.startLocus(); // the default configuration, as the other classes expect it
        client.storage().v1().storageClasses().withName(CLASS).delete();
    }

    @Test
    @Order(1)
    void aStatefulSetWithoutSchedulerNameIsScheduledByLocusOnReplicaNodes() {
        String ns = namespace("webhook-sts", Map.of());
        int replicas = 3;
        Map<Integer, List<String>> data = Map.of(0, List.of("n-a1-1", "n-c2-3"), 1, List.of("n-b1-2", "n-b2-4"),
                2, List.of("n-c1-1", "n-a2-2"));
        for (int i = 0; i < replicas; i++) {
            preBoundVolume(ns, "data-web-" + i, data.get(i)); // the claims the StatefulSet will adopt
        }
        // No wait for Locus to see the bindings: the pods are made at once, and the scheduler places
        // each as soon as the binder has bound its claim, often before Locus's snapshot has the
        // binding. Locus then waits for a snapshot that has it (docs/live-cluster.md, "A binding
        // Locus has not seen yet"); the first CI run of this test, without that wait, placed one pod
        // in its replica's rack instead of on a replica node.
        client.apps().statefulSets().inNamespace(ns).resource(new StatefulSetBuilder().withNewMetadata().withName("web")
                .endMetadata().withNewSpec().withReplicas(replicas).withServiceName("web")
                .withPodManagementPolicy("Parallel").withNewSelector().addToMatchLabels("app", "web").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "web").endMetadata().withNewSpec()
                .withTerminationGracePeriodSeconds(0L).addNewContainer().withName("app")
                .withImage("registry.k8s.io/pause:3.7").withNewResources().addToRequests("cpu", new Quantity("100m"))
                .endResources().addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount()
                .endContainer().endSpec().endTemplate()
                .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata().withNewSpec()
                .withAccessModes("ReadWriteOnce").withStorageClassName(CLASS).withNewResources()
                .addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().endVolumeClaimTemplate()
                .endSpec().build()).create();

        try {
            Map<String, String> bound = new Cluster(client, ns).awaitBound(List.of("web-0", "web-1", "web-2"));
            for (int i = 0; i < replicas; i++) {
                Pod pod = client.pods().inNamespace(ns).withName("web-" + i).get();
                assertEquals(Cluster.SCHEDULER_NAME, pod.getSpec().getSchedulerName(), "web-" + i);
                assertEquals(SchedulerNameWebhook.WEBHOOK_NAME,
                        pod.getMetadata().getAnnotations().get(SchedulerNameWebhook.ANNOTATION), "web-" + i);
                assertTrue(data.get(i).contains(bound.get("web-" + i)),
                        "web-" + i + " on " + bound.get("web-" + i) + ", its data on " + data.get(i) + "; " + waits());
            }
        } finally {
            // its members would stay on the nodes for the classes after this one, whose health
            // monitor counts (and may evict) every StatefulSet member on a node it fails
            client.apps().statefulSets().inNamespace(ns).withName("web").delete();
        }
        System.out.println("WebhookE2E StatefulSet: " + waits());
        assertTrue(plane.locus().locus().metrics().registry().get("locus.webhook.reviews")
                .tag("reason", "scheduler_set").counter().count() >= replicas);
    }

    @Test
    @Order(2)
    void podsThatAreNotLocussAreLeftUntouched() {
        String ns = namespace("webhook-untouched", Map.of());
        String off = namespace("webhook-opted-out", Map.of("locus.dev/webhook", "disabled"));
        preBoundVolume(ns, "managed-a", List.of("n-a1-1"));
        preBoundVolume(ns, "managed-b", List.of("n-a1-2"));
        preBoundVolume(ns, "managed-c", List.of("n-a1-3"));
        preBoundVolume(off, "managed-d", List.of("n-a1-4"));
        plane.locus().awaitSees("the managed claims", s -> s.claim(new ObjectKey(ns, "managed-c")) != null
                && s.claim(new ObjectKey(off, "managed-d")) != null);

        Pod control = create(pod(ns, "with-managed-claim", null, "managed-a", Map.of()));
        Pod noVolumes = create(pod(ns, "no-volumes", null, null, Map.of()));
        Pod other = create(pod(ns, "other-scheduler", "my-other-scheduler", "managed-b", Map.of()));
        Pod labelled = create(pod(ns, "pod-opted-out", null, "managed-c", Map.of("locus.dev/webhook", "disabled")));
        Pod inOptedOutNamespace = create(pod(off, "namespace-opted-out", null, "managed-d", Map.of()));

        assertEquals(Cluster.SCHEDULER_NAME, control.getSpec().getSchedulerName(), "the control pod");
        for (Pod pod : List.of(noVolumes, labelled, inOptedOutNamespace)) {
            assertEquals("default-scheduler", pod.getSpec().getSchedulerName(), pod.getMetadata().getName());
            assertNull(pod.getMetadata().getAnnotations() == null ? null
                    : pod.getMetadata().getAnnotations().get(SchedulerNameWebhook.ANNOTATION), pod.getMetadata().getName());
        }
        assertEquals("my-other-scheduler", other.getSpec().getSchedulerName());
    }

    @Test
    @Order(3)
    void withLocussWebhookDownPodsAreStillCreated() {
        String ns = namespace("webhook-down", Map.of());
        preBoundVolume(ns, "managed-e", List.of("n-b1-1"));
        preBoundVolume(ns, "managed-f", List.of("n-b1-2"));
        plane.stopLocus();
        try {
            long start = System.nanoTime();
            Pod created = create(pod(ns, "while-down", null, "managed-e", Map.of()));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals("default-scheduler", created.getSpec().getSchedulerName());
            // failurePolicy Ignore: the refused connection fails open, within timeoutSeconds (3 s)
            assertTrue(millis < 4000, "creation took " + millis + " ms");
        } finally {
            startLocusWithWebhook();
        }
        plane.locus().awaitSees("claim managed-f", s -> s.claim(new ObjectKey(ns, "managed-f")) != null);
        assertEquals(Cluster.SCHEDULER_NAME, create(pod(ns, "after-restart", null, "managed-f", Map.of()))
                .getSpec().getSchedulerName());
    }

    /**
     * A CA rotation by {@code webhook-certs} while Locus still serves the old certificate (as a
     * pod does until the kubelet has synced the Secret and Locus has reloaded it): the caBundle
     * holds the old and the new CA, so the API server keeps verifying Locus and pods created in
     * that window are still sent to Locus's scheduler. With the new CA alone in the bundle,
     * these calls failed TLS verification and, under {@code failurePolicy: Ignore}, the pods
     * kept {@code default-scheduler}. The old CA leaves the bundle once Locus is seen serving
     * the new certificate (through an EndpointSlice of the webhook's Service naming it), not
     * before, even a day later.
     */
    @Test
    @Order(4)
    void aCaRotationLeavesNoWindowInWhichTheApiServerCannotVerifyLocus() throws IOException {
        String ns = namespace("webhook-rotation", Map.of());
        preBoundVolume(ns, "managed-g", List.of("n-c1-1"));
        preBoundVolume(ns, "managed-h", List.of("n-c1-2"));
        plane.locus().awaitSees("the managed claims", s -> s.claim(new ObjectKey(ns, "managed-g")) != null
                && s.claim(new ObjectKey(ns, "managed-h")) != null);
        // a rotation now: the CA's key is lost (a CA past two thirds of its life takes the same path)
        client.secrets().inNamespace("locus-system").withName("locus-webhook-tls").edit(secret -> {
            secret.getData().remove("ca.key");
            return secret;
        });
        WebhookCertificates.Result rotated = certificates(Instant.now());
        assertTrue(rotated.caIssued() && rotated.previousCaTrusted(), rotated.toString());
        // the webhook's Service has Locus as its endpoint: the API server refuses loopback addresses
        // there, so Locus's loopback port is relayed from this machine's own address
        InetAddress site = SlowLink.siteAddress().orElseThrow(() -> new IllegalStateException(
                "this machine has no IPv4 address but loopback; an EndpointSlice cannot name Locus"));
        var slices = client.discovery().v1().endpointSlices().inNamespace("locus-system");
        try (SlowLink relay = new SlowLink(site, webhookPort, Duration.ZERO)) {
            slices.resource(new EndpointSliceBuilder().withNewMetadata().withName("locus-webhook-e2e")
                    .addToLabels("kubernetes.io/service-name", "locus-webhook").endMetadata().withAddressType("IPv4")
                    .addNewEndpoint().withAddresses(site.getHostAddress()).withNewConditions().withReady(true)
                    .endConditions().endEndpoint().addNewPort().withName("webhook").withPort(relay.port())
                    .withProtocol("TCP").endPort().build()).createOr(c -> c.update());

            // Locus still serves the old certificate: a run two days later keeps the old CA, naming it
            assertEquals(List.of(site.getHostAddress() + ":" + relay.port()
                            + ": serves a certificate the current CA did not sign"),
                    certificates(Instant.now().plus(Duration.ofDays(2))).previousCaKeptFor());

            // the API server picks the new bundle up within moments, so pods are created for a
            // few seconds and every one must reach Locus
            assertEveryPodMutatedFor4s(ns, "before-switch-", "managed-g");

            // Locus serves the new certificate: the next run drops the old CA, without waiting a day
            Secret secret = client.secrets().inNamespace("locus-system").withName("locus-webhook-tls").get();
            Files.write(cert, Base64.getDecoder().decode(secret.getData().get("tls.crt")));
            Files.write(key, Base64.getDecoder().decode(secret.getData().get("tls.key")));
            startLocusWithWebhook();
            plane.locus().awaitSees("claim managed-h", s -> s.claim(new ObjectKey(ns, "managed-h")) != null);
            WebhookCertificates.Result dropped = certificates(Instant.now());
            assertEquals(new WebhookCertificates.Result(false, false, 1, List.of()), dropped);
            assertEveryPodMutatedFor4s(ns, "after-switch-", "managed-h");
        } finally {
            slices.withName("locus-webhook-e2e").delete();
        }
    }

    /** Creates a pod using {@code claim} every 400 ms for 4 s; every one must have been mutated (none missed in between). */
    private void assertEveryPodMutatedFor4s(String ns, String prefix, String claim) {
        AtomicInteger made = new AtomicInteger();
        List<String> unmutated = new CopyOnWriteArrayList<>();
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(400))
                .until(() -> {
                    Pod created = create(pod(ns, prefix + made.incrementAndGet(), null, claim, Map.of()));
                    if (!Cluster.SCHEDULER_NAME.equals(created.getSpec().getSchedulerName())) {
                        unmutated.add(created.getMetadata().getName());
                    }
                    return true;
                });
        assertEquals(List.of(), unmutated, "pods the webhook did not mutate, of " + made.get());
    }

    private WebhookCertificates.Result certificates(Instant now) {
        return new WebhookCertificates(client).ensure(CertificatesCommand.parse(new String[] {
            "--namespace", "locus-system", "--name", "127.0.0.1", "--configuration", CONFIGURATION}), now);
    }

    private String namespace(String name, Map<String, String> labels) {
        plane.createNamespace(name);
        if (!labels.isEmpty()) {
            client.namespaces().withName(name).edit(n -> {
                n.getMetadata().getLabels().putAll(labels);
                return n;
            });
        }
        return name;
    }

    /** Locus's waits for snapshots with bindings it had not seen, by outcome (docs/live-cluster.md). */
    private String waits() {
        var registry = plane.locus().locus().metrics().registry();
        return "snapshot waits: caught_up " + registry.get("locus.snapshot.waits").tag("outcome", "caught_up").counter().count()
                + ", gave_up " + registry.get("locus.snapshot.waits").tag("outcome", "gave_up").counter().count();
    }

    /** A PV in the managed class, bound in advance to claim {@code ns/claim}, its data on {@code replicas}. */
    private void preBoundVolume(String ns, String claim, List<String> replicas) {
        client.persistentVolumes().resource(new PersistentVolumeBuilder().withNewMetadata().withName(ns + "-" + claim)
                .addToAnnotations(Cluster.REPLICA_NODES, String.join(",", replicas)).endMetadata()
                .withNewSpec().addToCapacity("storage", new Quantity("1Gi")).withAccessModes("ReadWriteOnce")
                .withPersistentVolumeReclaimPolicy("Retain").withStorageClassName(CLASS)
                .withNewCsi().withDriver(Cluster.DRIVER).withVolumeHandle(ns + "-" + claim).endCsi()
                .withNewClaimRef().withNamespace(ns).withName(claim).endClaimRef().endSpec().build()).create();
        client.persistentVolumeClaims().inNamespace(ns).resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(claim).endMetadata().withNewSpec().withAccessModes("ReadWriteOnce")
                .withStorageClassName(CLASS).withNewResources().addToRequests("storage", new Quantity("1Gi"))
                .endResources().endSpec().build()).create();
    }

    private static Pod pod(String ns, String name, String scheduler, String claim, Map<String, String> labels) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(ns).addToLabels(labels)
                .endMetadata().withNewSpec().withSchedulerName(scheduler).withTerminationGracePeriodSeconds(0L)
                .addNewContainer().withName("app").withImage("registry.k8s.io/pause:3.7").endContainer().endSpec();
        if (claim != null) {
            pod.editSpec().addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName(claim)
                    .endPersistentVolumeClaim().endVolume().endSpec();
        }
        return pod.build();
    }

    private Pod create(Pod pod) {
        return client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
    }
}
