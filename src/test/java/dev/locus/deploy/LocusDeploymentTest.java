package dev.locus.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dev.locus.deploy.PodChecks.container;
import static dev.locus.deploy.PodChecks.podSpec;
import static dev.locus.deploy.PodChecks.probePort;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Locus container, both as the base Deployment and as the scheduler's sidecar, and
 * the base Service and PodDisruptionBudget around it.
 */
class LocusDeploymentTest {

    static final Deployment BASE = DeployFiles.object("deploy/base/deployment.yaml", Deployment.class, "locus");
    static final Deployment SCHEDULER = DeployFiles.object(
            "deploy/components/kube-scheduler/deployment.yaml", Deployment.class, "locus-scheduler");
    static final Deployment SIDECAR_PATCH = DeployFiles.object(
            "deploy/overlays/sidecar/locus-sidecar.yaml", Deployment.class, "locus-scheduler");
    static final int PORT = DeployFiles.yaml(LocusConfigTest.shippedConfig()).at("/server/port").asInt();

    /** The scheduler pod with the sidecar patch applied (it only adds; see volumesDoNotCollide). */
    static PodSpec sidecarPod() {
        PodSpec patch = podSpec(SIDECAR_PATCH);
        return new PodSpecBuilder(podSpec(SCHEDULER))
                .addAllToInitContainers(patch.getInitContainers())
                .addAllToVolumes(patch.getVolumes())
                .build();
    }

    /** A pod running Locus, and which one it is (shown in test names and failures). */
    record LocusPod(String name, PodSpec pod, Container locus) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<LocusPod> locusPods() {
        return Stream.of(
                new LocusPod("base Deployment", podSpec(BASE), container(podSpec(BASE), "locus")),
                new LocusPod("sidecar", sidecarPod(), container(sidecarPod(), "locus")));
    }

    @ParameterizedTest
    @MethodSource("locusPods")
    void servesOnTheConfiguredPortNamedHttp(LocusPod p) {
        assertEquals(8888, PORT);
        assertEquals(PORT, PodChecks.port(p.locus(), "http").getContainerPort(), p.name());
    }

    @ParameterizedTest
    @MethodSource("locusPods")
    void probesCheckHealthAndReadinessOnThatPort(LocusPod p) {
        Container c = p.locus();
        assertEquals("/healthz", c.getLivenessProbe().getHttpGet().getPath(), p.name() + ": liveness");
        assertEquals("/readyz", c.getReadinessProbe().getHttpGet().getPath(), p.name() + ": readiness");
        assertNotNull(c.getStartupProbe(), p.name() + ": startupProbe (keeps liveness from killing a starting JVM)");
        for (var probe : List.of(c.getLivenessProbe(), c.getReadinessProbe(), c.getStartupProbe())) {
            assertEquals(PORT, probePort(c, probe), p.name() + ": probe port");
        }
    }

    @ParameterizedTest
    @MethodSource("locusPods")
    void runsLockedDown(LocusPod p) {
        PodChecks.assertLockedDown(p.pod(), p.locus());
    }

    @ParameterizedTest
    @MethodSource("locusPods")
    void boundsMemoryAndSizesTheHeapFromIt(LocusPod p) {
        var resources = p.locus().getResources();
        assertTrue(resources.getRequests().keySet().containsAll(Set.of("cpu", "memory")), p.name() + ": requests");
        assertNotNull(resources.getLimits().get("memory"), p.name() + ": memory limit");
        String jvm = p.locus().getEnv().stream().filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS"))
                .map(EnvVar::getValue).findFirst().orElse("");
        Matcher percentage = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)").matcher(jvm);
        assertTrue(percentage.find(), "MaxRAMPercentage in " + jvm);
        int heap = Integer.parseInt(percentage.group(1));
        assertTrue(heap >= 50 && heap <= 80, "heap share leaves room for off-heap memory: " + heap);
        assertFalse(jvm.contains("-Xmx"), "-Xmx would ignore the container limit");
    }

    @ParameterizedTest
    @MethodSource("locusPods")
    void runsServeWithTheMountedConfig(LocusPod p) {
        List<String> args = p.locus().getArgs();
        assertEquals(List.of("serve", "--config", "/etc/locus/config.yaml"), args, p.name());
        Volume config = PodChecks.volumeMountedAt(p.pod(), p.locus(), "/etc/locus");
        assertEquals("locus-config", config.getConfigMap().getName(), p.name());
        assertNotNull(PodChecks.volumeMountedAt(p.pod(), p.locus(), "/tmp").getEmptyDir(), p.name() + ": /tmp is an emptyDir");
    }

    @Test
    void baseRunsTwoReplicasOnDifferentNodes() {
        assertEquals(2, BASE.getSpec().getReplicas());
        Map<String, String> podLabels = BASE.getSpec().getTemplate().getMetadata().getLabels();
        boolean spread = podSpec(BASE).getTopologySpreadConstraints().stream()
                .anyMatch(t -> isHardHostnameSpread(t, podLabels));
        var antiAffinity = podSpec(BASE).getAffinity() == null ? null : podSpec(BASE).getAffinity().getPodAntiAffinity();
        boolean apart = antiAffinity != null && antiAffinity.getRequiredDuringSchedulingIgnoredDuringExecution().stream()
                .anyMatch(t -> t.getTopologyKey().equals("kubernetes.io/hostname")
                        && podLabels.entrySet().containsAll(t.getLabelSelector().getMatchLabels().entrySet()));
        assertTrue(spread || apart, "hard spread by kubernetes.io/hostname over the pods' own labels");
    }

    private static boolean isHardHostnameSpread(TopologySpreadConstraint t, Map<String, String> podLabels) {
        return t.getTopologyKey().equals("kubernetes.io/hostname")
                && t.getWhenUnsatisfiable().equals("DoNotSchedule") && t.getMaxSkew() == 1
                && podLabels.entrySet().containsAll(t.getLabelSelector().getMatchLabels().entrySet());
    }

    @Test
    void baseRollsOutWithoutLosingAReadyReplica() {
        assertEquals(new IntOrString(0), BASE.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable());
    }

    @Test
    void serviceSendsPort8888ToTheLocusPods() {
        Service service = DeployFiles.object("deploy/base/service.yaml", Service.class, "locus");
        assertEquals("ClusterIP", service.getSpec().getType());
        assertEquals(BASE.getSpec().getSelector().getMatchLabels(), service.getSpec().getSelector());
        ServicePort port = service.getSpec().getPorts().get(0);
        assertEquals(1, service.getSpec().getPorts().size());
        assertEquals(8888, port.getPort());
        IntOrString target = port.getTargetPort();
        int targetPort = target.getIntVal() != null ? target.getIntVal()
                : PodChecks.port(container(podSpec(BASE), "locus"), target.getStrVal()).getContainerPort();
        assertEquals(PORT, targetPort);
    }

    @Test
    void disruptionBudgetKeepsOneReplica() {
        PodDisruptionBudget pdb = DeployFiles.object("deploy/base/pdb.yaml", PodDisruptionBudget.class, "locus");
        assertEquals(new IntOrString(1), pdb.getSpec().getMinAvailable());
        assertEquals(BASE.getSpec().getSelector().getMatchLabels(), pdb.getSpec().getSelector().getMatchLabels());
        assertTrue(BASE.getSpec().getReplicas() > pdb.getSpec().getMinAvailable().getIntVal(), "a drain can proceed");
    }

    @Test
    void deploymentSelectorsMatchTheirPods() {
        for (Deployment d : List.of(BASE, SCHEDULER)) {
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            assertTrue(labels.entrySet().containsAll(d.getSpec().getSelector().getMatchLabels().entrySet()),
                    d.getMetadata().getName());
        }
    }

    /** The sidecar must start (and pass /readyz) before kube-scheduler calls it over loopback. */
    @Test
    void sidecarIsANativeSidecarGatedOnReadiness() {
        Container locus = container(podSpec(SIDECAR_PATCH), "locus");
        assertTrue(podSpec(SIDECAR_PATCH).getInitContainers().contains(locus), "an init container");
        assertEquals("Always", locus.getRestartPolicy());
        assertEquals("/readyz", locus.getStartupProbe().getHttpGet().getPath());
    }

    /** The strategic merge joins volumes by name: a shared name would replace a volume. */
    @Test
    void sidecarVolumesDoNotCollideWithTheSchedulers() {
        Set<String> scheduler = podSpec(SCHEDULER).getVolumes().stream().map(Volume::getName).collect(Collectors.toSet());
        Set<String> added = podSpec(SIDECAR_PATCH).getVolumes().stream().map(Volume::getName).collect(Collectors.toSet());
        assertFalse(added.isEmpty());
        added.retainAll(scheduler);
        assertEquals(Set.of(), added);
    }
}
