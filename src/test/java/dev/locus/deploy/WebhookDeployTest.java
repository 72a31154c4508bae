package dev.locus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.admission.certs.CertificatesCommand;
import dev.locus.admission.certs.WebhookCertificates;
import dev.locus.config.ConfigFile;
import dev.locus.config.LocusConfig;
import dev.locus.http.WebhookServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The webhook's manifests agree with the code: the config file Locus reads, the port and
 * path, the configuration's safety settings, the Secret's name on both sides, and the
 * certificate Job's RBAC, which is exactly {@link WebhookCertificates#ACCESS}.
 */
class WebhookDeployTest {

    private static final String COMPONENT = "deploy/components/webhook/";

    @TempDir
    Path dir;

    @Test
    void webhookYamlIsAcceptedByLocusAndMatchesThePortsAndTheSchedulerProfile() throws IOException {
        ConfigMap patch = DeployFiles.object(COMPONENT + "configmap-patch.yaml", ConfigMap.class, "locus-config");
        Path cert = Files.writeString(dir.resolve("tls.crt"), "x");
        Path key = Files.writeString(dir.resolve("tls.key"), "x");
        Path file = Files.writeString(dir.resolve("webhook.yaml"), patch.getData().get("webhook.yaml")
                .replace("/etc/locus/webhook-tls/tls.crt", cert.toString())
                .replace("/etc/locus/webhook-tls/tls.key", key.toString()));
        LocusConfig.Builder builder = LocusConfig.builder();
        ConfigFile.apply(file, builder);
        LocusConfig config = builder.build();

        Deployment deployment = DeployFiles.object(COMPONENT + "deployment-patch.yaml", Deployment.class, "locus");
        Container locus = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        int containerPort = locus.getPorts().stream().filter(p -> "webhook".equals(p.getName())).findFirst()
                .orElseThrow().getContainerPort();
        assertEquals(config.webhook().port(), containerPort);
        String appended = DeployFiles.yamlDocuments(DeployFiles.path(COMPONENT + "kustomization.yaml")).get(0)
                .path("patches").get(2).path("patch").asString();
        assertTrue(appended.contains("value: --config") && appended.contains("value: /etc/locus/webhook.yaml"), appended);
        String mount = locus.getVolumeMounts().stream().filter(m -> m.getName().equals("webhook-tls")).findFirst()
                .orElseThrow().getMountPath();
        assertTrue(patch.getData().get("webhook.yaml").contains("certFile: " + mount + "/tls.crt"));
        assertEquals("locus-webhook-tls", secretName(deployment));

        JsonNode profiles = DeployFiles.yaml(DeployFiles.object("deploy/overlays/second-scheduler/scheduler-config.yaml",
                ConfigMap.class, "locus-scheduler-config").getData().values().iterator().next()).path("profiles");
        assertEquals(config.webhook().schedulerName(), profiles.get(0).path("schedulerName").asString());
    }

    @Test
    void theConfigurationFailsOpenQuicklyAndKeepsSystemNamespacesOut() {
        MutatingWebhookConfiguration configuration = DeployFiles.object(COMPONENT + "mutatingwebhookconfiguration.yaml",
                MutatingWebhookConfiguration.class, "locus-scheduler-name");
        Service service = DeployFiles.object(COMPONENT + "service.yaml", Service.class, "locus-webhook");
        MutatingWebhook webhook = configuration.getWebhooks().get(0);

        assertEquals("Ignore", webhook.getFailurePolicy());
        assertEquals("None", webhook.getSideEffects());
        assertTrue(webhook.getTimeoutSeconds() <= 5, "timeoutSeconds " + webhook.getTimeoutSeconds());
        assertEquals("IfNeeded", webhook.getReinvocationPolicy());
        assertEquals(List.of("v1"), webhook.getAdmissionReviewVersions());
        assertEquals(List.of("CREATE"), webhook.getRules().get(0).getOperations());
        assertEquals(List.of("pods"), webhook.getRules().get(0).getResources());
        assertEquals(WebhookServer.PATH, webhook.getClientConfig().getService().getPath());
        assertEquals(service.getMetadata().getName(), webhook.getClientConfig().getService().getName());
        assertEquals(service.getMetadata().getNamespace(), webhook.getClientConfig().getService().getNamespace());
        assertEquals(service.getSpec().getPorts().get(0).getPort(), webhook.getClientConfig().getService().getPort());
        Set<String> excluded = new TreeSet<>();
        webhook.getNamespaceSelector().getMatchExpressions().stream()
                .filter(e -> e.getKey().equals("kubernetes.io/metadata.name") && e.getOperator().equals("NotIn"))
                .forEach(e -> excluded.addAll(e.getValues()));
        assertTrue(excluded.containsAll(Set.of("kube-system", "locus-system")), excluded.toString());
        assertTrue(webhook.getNamespaceSelector().getMatchExpressions().stream().anyMatch(e ->
                e.getKey().equals("locus.dev/webhook") && e.getOperator().equals("NotIn")
                        && e.getValues().equals(List.of("disabled"))));
    }

    @Test
    void certManagerWritesTheSecretLocusMountsForTheServiceName() {
        List<HasMetadata> objects = DeployFiles.objects(DeployFiles.path("deploy/components/webhook-cert-manager/certificate.yaml"));
        var certificate = objects.stream().filter(o -> o.getKind().equals("Certificate")).findFirst().orElseThrow();
        JsonNode spec = DeployFiles.yamlDocuments(DeployFiles.path("deploy/components/webhook-cert-manager/certificate.yaml"))
                .stream().filter(d -> d.path("kind").asString().equals("Certificate")).findFirst().orElseThrow().path("spec");
        assertEquals("locus-webhook-tls", spec.path("secretName").asString());
        assertTrue(spec.path("dnsNames").toString().contains("\"locus-webhook.locus-system.svc\""));
        MutatingWebhookConfiguration inject = DeployFiles.object("deploy/components/webhook-cert-manager/inject-ca.yaml",
                MutatingWebhookConfiguration.class, "locus-scheduler-name");
        assertEquals(certificate.getMetadata().getNamespace() + "/" + certificate.getMetadata().getName(),
                inject.getMetadata().getAnnotations().get("cert-manager.io/inject-ca-from"));
    }

    @Test
    void theCertificateJobsGrantExactlyWhatTheCodeUses() {
        Role role = DeployFiles.object("deploy/components/webhook-certs/rbac.yaml", Role.class, "locus-webhook-certs");
        ClusterRole clusterRole = DeployFiles.object("deploy/components/webhook-certs/rbac.yaml", ClusterRole.class,
                "locus-webhook-certs");
        List<String> granted = new ArrayList<>();
        role.getRules().forEach(r -> granted.addAll(grants(r, true)));
        clusterRole.getRules().forEach(r -> granted.addAll(grants(r, false)));
        List<String> used = new ArrayList<>();
        for (WebhookCertificates.Access access : WebhookCertificates.ACCESS) {
            access.verbs().forEach(v -> used.add((access.namespaced() ? "ns " : "cluster ") + access.group() + "/"
                    + access.resource() + " " + v));
        }
        assertEquals(new TreeSet<>(used), new TreeSet<>(granted));
        assertEquals(List.of("locus-scheduler-name"), clusterRole.getRules().get(0).getResourceNames());
    }

    @Test
    void theJobsArgumentsNameTheServiceTheSecretAndTheConfiguration() {
        Job job = DeployFiles.object("deploy/components/webhook-certs/job.yaml", Job.class, "locus-webhook-certs");
        CronJob cron = DeployFiles.object("deploy/components/webhook-certs/job.yaml", CronJob.class, "locus-webhook-certs");
        List<String> args = job.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs();
        assertEquals(args, cron.getSpec().getJobTemplate().getSpec().getTemplate().getSpec().getContainers().get(0).getArgs());
        assertEquals(CertificatesCommand.NAME, args.get(0));
        WebhookCertificates.Request request = CertificatesCommand.parse(args.subList(1, args.size()).toArray(String[]::new));
        assertEquals("locus-webhook-tls", request.secret());
        assertEquals("locus-scheduler-name", request.configuration());
        assertTrue(request.names().contains("locus-webhook.locus-system.svc"), request.names().toString());
        PodChecks.assertLockedDown(job.getSpec().getTemplate().getSpec(), job.getSpec().getTemplate().getSpec()
                .getContainers().get(0));
    }

    private static String secretName(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("webhook-tls")).findFirst().orElseThrow().getSecret().getSecretName();
    }

    private static List<String> grants(PolicyRule rule, boolean namespaced) {
        List<String> grants = new ArrayList<>();
        for (String group : rule.getApiGroups()) {
            for (String resource : rule.getResources()) {
                rule.getVerbs().forEach(v -> grants.add((namespaced ? "ns " : "cluster ") + group + "/" + resource + " " + v));
            }
        }
        return grants;
    }
}
