package dev.locus.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Assertions and look-ups shared by the tests of pods in deploy/. */
final class PodChecks {

    private PodChecks() {
    }

    static PodSpec podSpec(Deployment d) {
        return d.getSpec().getTemplate().getSpec();
    }

    /** A container or init container (native sidecar) of the pod, by name. */
    static Container container(PodSpec pod, String name) {
        return Stream.concat(pod.getContainers().stream(), pod.getInitContainers().stream())
                .filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no container " + name));
    }

    static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(v -> v.getName().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("no volume " + name));
    }

    /** The volume mounted at a path in the container. */
    static Volume volumeMountedAt(PodSpec pod, Container c, String mountPath) {
        String name = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals(mountPath))
                .findFirst().orElseThrow(() -> new NoSuchElementException("nothing mounted at " + mountPath))
                .getName();
        return volume(pod, name);
    }

    /** The container port a probe's httpGet targets, resolving a port name. */
    static int probePort(Container c, Probe probe) {
        HTTPGetAction get = probe.getHttpGet();
        assertNotNull(get, "probe is not httpGet");
        if (get.getPort().getIntVal() != null) {
            return get.getPort().getIntVal();
        }
        return port(c, get.getPort().getStrVal()).getContainerPort();
    }

    static ContainerPort port(Container c, String name) {
        return c.getPorts().stream().filter(p -> name.equals(p.getName())).findFirst()
                .orElseThrow(() -> new NoSuchElementException(c.getName() + " has no port " + name));
    }

    /**
     * The restricted Pod Security profile: non-root, no privilege escalation, all
     * capabilities dropped, RuntimeDefault seccomp; plus a read-only root filesystem.
     */
    static void assertLockedDown(PodSpec pod, Container c) {
        PodSecurityContext podContext = pod.getSecurityContext();
        SecurityContext context = c.getSecurityContext();
        assertNotNull(podContext, "pod securityContext");
        assertNotNull(context, c.getName() + " securityContext");
        assertTrue(Boolean.TRUE.equals(context.getRunAsNonRoot()) || Boolean.TRUE.equals(podContext.getRunAsNonRoot()),
                "runAsNonRoot");
        Long uid = context.getRunAsUser() != null ? context.getRunAsUser() : podContext.getRunAsUser();
        assertTrue(uid != null && uid > 0, "numeric non-root runAsUser, got " + uid);
        assertEquals(Boolean.FALSE, context.getAllowPrivilegeEscalation(), "allowPrivilegeEscalation");
        assertEquals(Boolean.TRUE, context.getReadOnlyRootFilesystem(), "readOnlyRootFilesystem");
        assertNotEquals(Boolean.TRUE, context.getPrivileged(), "privileged");
        assertEquals(List.of("ALL"), context.getCapabilities().getDrop(), "capabilities.drop");
        assertEquals(List.of(), context.getCapabilities().getAdd(), "capabilities.add");
        String seccomp = context.getSeccompProfile() != null ? context.getSeccompProfile().getType()
                : podContext.getSeccompProfile() == null ? null : podContext.getSeccompProfile().getType();
        assertEquals("RuntimeDefault", seccomp, "seccompProfile");
    }
}
