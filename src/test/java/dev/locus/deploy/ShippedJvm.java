package dev.locus.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JVM flags Locus ships with, read from the one place that states them: the base
 * Deployment's {@code JAVA_TOOL_OPTIONS} (the Dockerfile and the sidecar carry the same
 * collector; {@code DockerfileTest} and {@code LocusDeploymentTest} hold them to it). For tools
 * that start Locus as a process on this machine, as the rate tool does.
 */
public final class ShippedJvm {

    private ShippedJvm() {
    }

    /**
     * The Deployment's flags, after {@code -XX:MaxRAM=} its memory limit: the JVM sizes its heap
     * from {@code -XX:MaxRAMPercentage} of the memory it sees, the container limit in the pod,
     * the whole machine outside one; MaxRAM makes a process here see the limit.
     */
    public static List<String> flags() {
        Deployment base = DeployFiles.object("deploy/base/deployment.yaml", Deployment.class, "locus");
        Container locus = PodChecks.container(PodChecks.podSpec(base), "locus");
        Quantity limit = locus.getResources() == null || locus.getResources().getLimits() == null ? null
                : locus.getResources().getLimits().get("memory");
        if (limit == null) {
            throw new IllegalStateException("deploy/base/deployment.yaml: container locus has no resources.limits.memory");
        }
        String options = (locus.getEnv() == null ? List.<EnvVar>of() : locus.getEnv()).stream()
                .filter(e -> e.getName().equals("JAVA_TOOL_OPTIONS")).map(EnvVar::getValue).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "deploy/base/deployment.yaml: container locus has no JAVA_TOOL_OPTIONS"));
        List<String> flags = new ArrayList<>();
        flags.add("-XX:MaxRAM=" + Quantity.getAmountInBytes(limit).toBigIntegerExact());
        flags.addAll(Arrays.asList(options.trim().split("\\s+")));
        return flags;
    }
}
