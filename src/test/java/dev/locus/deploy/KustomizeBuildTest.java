package dev.locus.deploy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Builds the installable kustomizations with {@code kubectl kustomize} and checks what the
 * patches produce: the only check of the overlays as a user applies them (deletions, the
 * re-bound ClusterRole, the sidecar merged into the scheduler pod, each overlay's extender URL).
 * Skipped where kubectl is not installed, except in CI ({@code CI=true}), where a missing
 * kubectl fails: CI must not go green without these checks.
 */
class KustomizeBuildTest {

    @BeforeAll
    static void needsKubectl() {
        boolean installed = run("version", "--client").exitCode == 0;
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(installed, "kubectl is not installed, and CI=true: CI must run the kustomize checks");
        }
        assumeTrue(installed, "kubectl is not installed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy/base", "deploy/overlays/second-scheduler", "deploy/overlays/sidecar",
            "deploy/overlays/webhook", "deploy/overlays/webhook-cert-manager",
            "deploy/monitoring"})
    void buildsEveryObjectItsFilesDeclare(String dir) {
        List<HasMetadata> objects = build(dir);
        assertTrue(ids(objects).contains("Namespace/locus-system") || dir.equals("deploy/monitoring"), dir);
        objects.forEach(o -> assertTrue(o.getMetadata().getName() != null && !o.getKind().isEmpty(), dir + ": " + o));
    }

    @ParameterizedTest
    @CsvSource({"deploy/overlays/second-scheduler, http://locus.locus-system.svc:8888",
            "deploy/overlays/sidecar, http://127.0.0.1:8888"})
    void eachOverlaysSchedulerCallsItsLocus(String dir, String url) {
        ConfigMap config = objects(build(dir), ConfigMap.class, "locus-scheduler-config");
        JsonNode scheduler = DeployFiles.yaml(config.getData().get("scheduler-config.yaml"));
        assertEquals(url, scheduler.path("extenders").path(0).path("urlPrefix").asString(), dir);
        assertEquals("locus-scheduler", scheduler.path("profiles").path(0).path("schedulerName").asString(), dir);
    }

    @Test
    void theSidecarPatchJoinsLocusToTheSchedulerPodWithItsConfigAndScratchVolumes() {
        Deployment scheduler = objects(build("deploy/overlays/sidecar"), Deployment.class, "locus-scheduler");
        var pod = PodChecks.podSpec(scheduler);
        assertEquals(List.of("kube-scheduler"), pod.getContainers().stream().map(c -> c.getName()).toList());
        assertEquals(List.of("locus"), pod.getInitContainers().stream().map(c -> c.getName()).toList());
        var locus = pod.getInitContainers().get(0);
        assertEquals("Always", locus.getRestartPolicy(), "a native sidecar");
        assertEquals("/readyz", locus.getStartupProbe().getHttpGet().getPath(), "the scheduler starts after the sync");
        assertEquals("locus-config", PodChecks.volumeMountedAt(pod, locus, "/etc/locus").getConfigMap().getName());
        // the strategic merge keeps the scheduler's own volumes beside the sidecar's
        assertEquals(Set.of("scheduler-config", "tmp", "locus-config", "locus-tmp"),
                Set.copyOf(pod.getVolumes().stream().map(v -> v.getName()).toList()));
    }

    @Test
    void secondSchedulerRunsLocusBehindItsServiceAndTheScheduler() {
        List<HasMetadata> objects = build("deploy/overlays/second-scheduler");
        assertEquals(Set.of("Deployment/locus", "Deployment/locus-scheduler"), ids(objects, "Deployment"));
        assertEquals(Set.of("Service/locus"), ids(objects, "Service"));
        assertEquals(Set.of("ConfigMap/locus-config", "ConfigMap/locus-scheduler-config"), ids(objects, "ConfigMap"));
    }

    @Test
    void sidecarRunsLocusOnlyInsideTheSchedulerPod() {
        List<HasMetadata> objects = build("deploy/overlays/sidecar");
        assertEquals(Set.of("Deployment/locus-scheduler"), ids(objects, "Deployment"));
        assertEquals(Set.of(), ids(objects, "Service"));
        assertEquals(Set.of(), ids(objects, "PodDisruptionBudget"));
        assertEquals(Set.of("ServiceAccount/locus-scheduler"), ids(objects, "ServiceAccount"));

        Deployment scheduler = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .findFirst().orElseThrow();
        var pod = PodChecks.podSpec(scheduler);
        PodChecks.assertLockedDown(pod, PodChecks.container(pod, "locus"));
        PodChecks.assertLockedDown(pod, PodChecks.container(pod, "kube-scheduler"));

        ClusterRoleBinding read = objects.stream().filter(ClusterRoleBinding.class::isInstance)
                .map(ClusterRoleBinding.class::cast)
                .filter(b -> b.getRoleRef().getName().equals("locus")).findFirst().orElseThrow();
        Subject subject = read.getSubjects().get(0);
        assertEquals(1, read.getSubjects().size());
        assertEquals(pod.getServiceAccountName() + "@locus-system", subject.getName() + "@" + subject.getNamespace());
    }

    @ParameterizedTest
    @ValueSource(strings = {"deploy/overlays/second-scheduler", "deploy/overlays/sidecar"})
    void overlaysRunTheHealthMonitorWithItsRolesBoundToLocusAccount(String dir) {
        List<HasMetadata> objects = build(dir);
        var pod = objects.stream().filter(Deployment.class::isInstance).map(Deployment.class::cast)
                .map(PodChecks::podSpec).filter(p -> p.getServiceAccountName() != null)
                .filter(p -> Stream.concat(p.getContainers().stream(), p.getInitContainers().stream())
                        .anyMatch(c -> c.getName().equals("locus")))
                .findFirst().orElseThrow();
        var locus = PodChecks.container(pod, "locus");
        assertEquals(List.of("serve", "--config", "/etc/locus/config.yaml", "--config", "/etc/locus/monitor.yaml"),
                locus.getArgs());
        var config = objects.stream().filter(ConfigMap.class::isInstance)
                .map(ConfigMap.class::cast)
                .filter(c -> c.getMetadata().getName().equals("locus-config")).findFirst().orElseThrow();
        assertTrue(config.getData().get("monitor.yaml").contains("enabled: true"), config.getData().toString());
        for (String binding : List.of("ClusterRoleBinding/locus-monitor", "RoleBinding/locus-monitor-lease")) {
            HasMetadata b = objects.stream().filter(o -> (o.getKind() + "/" + o.getMetadata().getName()).equals(binding))
                    .findFirst().orElseThrow();
            List<Subject> subjects = b instanceof ClusterRoleBinding crb ? crb.getSubjects()
                    : ((io.fabric8.kubernetes.api.model.rbac.RoleBinding) b).getSubjects();
            assertEquals(pod.getServiceAccountName(), subjects.get(0).getName(), dir + " " + binding);
        }
    }

    private static <T extends HasMetadata> T objects(List<HasMetadata> objects, Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + "/" + name));
    }

    private static Set<String> ids(List<HasMetadata> objects) {
        Set<String> ids = new TreeSet<>();
        objects.forEach(o -> ids.add(o.getKind() + "/" + o.getMetadata().getName()));
        return ids;
    }

    private static Set<String> ids(List<HasMetadata> objects, String kind) {
        Set<String> ids = new TreeSet<>();
        objects.stream().filter(o -> o.getKind().equals(kind))
                .forEach(o -> ids.add(kind + "/" + o.getMetadata().getName()));
        return ids;
    }

    private static List<HasMetadata> build(String dir) {
        Result r = run("kustomize", DeployFiles.path(dir).toString());
        assertEquals(0, r.exitCode, "kubectl kustomize " + dir + ": " + r.stderr);
        return DeployFiles.objects(new ByteArrayInputStream(r.stdout.getBytes(StandardCharsets.UTF_8)));
    }

    private record Result(int exitCode, String stdout, String stderr) {
    }

    /** Runs kubectl with output in temporary files, so a hung kubectl cannot hang the build. */
    private static Result run(String... args) {
        List<String> command = new ArrayList<>(List.of("kubectl"));
        command.addAll(List.of(args));
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("kubectl", ".out");
            err = Files.createTempFile("kubectl", ".err");
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "", "timed out");
            }
            return new Result(p.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            return new Result(-1, "", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "", e.toString());
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a temporary file left behind is harmless
        }
    }
}
