package dev.locus.deploy;

import tools.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static dev.locus.deploy.PodChecks.container;
import static dev.locus.deploy.PodChecks.podSpec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The second kube-scheduler (deploy/components/kube-scheduler) and the configuration each
 * overlay gives it: it finds its config file, holds the RBAC a second scheduler needs,
 * elects a leader on its own lease, and reaches Locus where Locus listens.
 */
class SchedulerDeploymentTest {

    private static final String COMPONENT = "deploy/components/kube-scheduler/";
    private static final PodSpec POD = podSpec(LocusDeploymentTest.SCHEDULER);
    private static final Container SCHEDULER = container(POD, "kube-scheduler");
    private static final List<HasMetadata> RBAC = DeployFiles.objects(DeployFiles.path(COMPONENT + "rbac.yaml"));

    /** The KubeSchedulerConfiguration of each overlay, read from its ConfigMap. */
    static Stream<Named<JsonNode>> overlayConfigs() {
        return Stream.of("second-scheduler", "sidecar").map(o -> Named.of(o, overlayConfig(o)));
    }

    static JsonNode overlayConfig(String overlay) {
        Path path = DeployFiles.path(configPath());
        ConfigMap cm = DeployFiles.object("deploy/overlays/" + overlay + "/scheduler-config.yaml",
                ConfigMap.class, configMapName());
        String text = cm.getData().get(path.getFileName().toString());
        assertNotNull(text, overlay + ": ConfigMap lacks " + path.getFileName());
        return DeployFiles.yaml(text);
    }

    /** The path given to --config. */
    private static String configPath() {
        return SCHEDULER.getCommand().stream().filter(a -> a.startsWith("--config="))
                .map(a -> a.substring("--config=".length())).findFirst().orElseThrow();
    }

    /** The ConfigMap mounted where --config points. */
    private static String configMapName() {
        String path = configPath();
        Volume v = PodChecks.volumeMountedAt(POD, SCHEDULER, path.substring(0, path.lastIndexOf('/')));
        return v.getConfigMap().getName();
    }

    @Test
    void runsAnUpstreamKubeSchedulerWithItsConfigFile() {
        assertTrue(SCHEDULER.getImage().matches("registry\\.k8s\\.io/kube-scheduler:v1\\.3\\d\\.\\d+"), SCHEDULER.getImage());
        assertEquals("kube-scheduler", SCHEDULER.getCommand().get(0));
        assertEquals("locus-scheduler-config", configMapName());
    }

    @Test
    void runsLockedDownAndProbesItsSecurePort() {
        PodChecks.assertLockedDown(POD, SCHEDULER);
        for (var probe : List.of(SCHEDULER.getLivenessProbe(), SCHEDULER.getReadinessProbe())) {
            assertEquals("HTTPS", probe.getHttpGet().getScheme());
            assertEquals(10259, PodChecks.probePort(SCHEDULER, probe));
        }
    }

    @Test
    void isBoundToTheBuiltInSchedulerRoles() {
        String account = POD.getServiceAccountName();
        Set<String> clusterRoles = Set.of("system:kube-scheduler", "system:volume-scheduler");
        for (String role : clusterRoles) {
            assertTrue(RBAC.stream().filter(ClusterRoleBinding.class::isInstance).map(ClusterRoleBinding.class::cast)
                    .anyMatch(b -> refersTo(b.getRoleRef(), "ClusterRole", role) && bindsAccount(b.getSubjects(), account)),
                    role);
        }
        assertTrue(RBAC.stream().filter(RoleBinding.class::isInstance).map(RoleBinding.class::cast)
                .anyMatch(b -> b.getMetadata().getNamespace().equals("kube-system")
                        && refersTo(b.getRoleRef(), "Role", "extension-apiserver-authentication-reader")
                        && bindsAccount(b.getSubjects(), account)), "extension-apiserver-authentication-reader");
    }

    @ParameterizedTest
    @MethodSource("overlayConfigs")
    void mayTakeItsLeaderElectionLease(JsonNode config) {
        String namespace = config.at("/leaderElection/resourceNamespace").asString();
        String lease = config.at("/leaderElection/resourceName").asString();
        Role role = RBAC.stream().filter(Role.class::isInstance).map(Role.class::cast)
                .filter(r -> r.getMetadata().getNamespace().equals(namespace)).findFirst().orElseThrow();
        assertTrue(grants(role, "create", null), "create leases");
        assertTrue(grants(role, "get", lease) && grants(role, "update", lease), "get/update lease " + lease);
        assertTrue(RBAC.stream().filter(RoleBinding.class::isInstance).map(RoleBinding.class::cast)
                .anyMatch(b -> refersTo(b.getRoleRef(), "Role", role.getMetadata().getName())
                        && b.getMetadata().getNamespace().equals(namespace)
                        && bindsAccount(b.getSubjects(), POD.getServiceAccountName())), "lease Role bound");
    }

    @Test
    void secondSchedulerCallsTheLocusService() {
        Service service = DeployFiles.object("deploy/base/service.yaml", Service.class, "locus");
        String expected = "http://" + service.getMetadata().getName() + "." + service.getMetadata().getNamespace()
                + ".svc:" + service.getSpec().getPorts().get(0).getPort();
        assertEquals(expected, overlayConfig("second-scheduler").at("/extenders/0/urlPrefix").asString());
    }

    @Test
    void sidecarSchedulerCallsLocusOverLoopback() {
        Container locus = container(LocusDeploymentTest.sidecarPod(), "locus");
        String expected = "http://127.0.0.1:" + PodChecks.port(locus, "http").getContainerPort();
        assertEquals(expected, overlayConfig("sidecar").at("/extenders/0/urlPrefix").asString());
    }

    private static boolean grants(Role role, String verb, String resourceName) {
        for (PolicyRule r : role.getRules()) {
            boolean names = resourceName == null ? r.getResourceNames().isEmpty()
                    : r.getResourceNames().isEmpty() || r.getResourceNames().contains(resourceName);
            if (r.getApiGroups().contains("coordination.k8s.io") && r.getResources().contains("leases")
                    && r.getVerbs().contains(verb) && names) {
                return true;
            }
        }
        return false;
    }

    private static boolean refersTo(RoleRef ref, String kind, String name) {
        return ref.getKind().equals(kind) && ref.getName().equals(name);
    }

    private static boolean bindsAccount(List<Subject> subjects, String account) {
        return subjects.stream().anyMatch(s -> s.getKind().equals("ServiceAccount") && s.getName().equals(account)
                && "locus-system".equals(s.getNamespace()));
    }
}
