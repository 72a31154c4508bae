package dev.locus.monitor;

import dev.locus.cluster.ObjectKey;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Volume;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the monitor reads of a Pod; made once per pass from the informer's cache.
 *
 * @param key            namespace/name
 * @param uid            the pod's UID: an eviction names it as a precondition, so a StatefulSet
 *                       member recreated under the same name is never evicted by a stale decision
 * @param node           {@code spec.nodeName}, null while unscheduled
 * @param schedulerName  {@code spec.schedulerName}
 * @param controllerKind kind of the owner reference with {@code controller: true}; null for a bare pod
 * @param claims         names of the PersistentVolumeClaims it mounts (generic ephemeral volumes included)
 * @param annotations    the pod's annotations (the {@code locus.dev/locality} policy)
 * @param milliCpu       CPU requested, millicores (containers summed, or the largest init container)
 * @param memory         memory requested, bytes
 * @param terminating    {@code metadata.deletionTimestamp} is set
 * @param finished       phase Succeeded or Failed
 */
public record PodFacts(ObjectKey key, String uid, String node, String schedulerName, String controllerKind,
                       List<String> claims, Map<String, String> annotations, long milliCpu, long memory,
                       boolean terminating, boolean finished) {

    public PodFacts {
        Objects.requireNonNull(key, "key");
        claims = List.copyOf(claims);
        annotations = Map.copyOf(annotations);
    }

    /** True when the pod has no controller that would recreate it. */
    public boolean bare() {
        return controllerKind == null;
    }

    static PodFacts of(Pod pod) {
        var meta = pod.getMetadata();
        var spec = pod.getSpec();
        String namespace = meta.getNamespace() == null ? "default" : meta.getNamespace();
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return new PodFacts(new ObjectKey(namespace, meta.getName()), meta.getUid(),
                spec == null ? null : emptyToNull(spec.getNodeName()),
                spec == null || spec.getSchedulerName() == null ? "default-scheduler" : spec.getSchedulerName(),
                controllerKind(meta.getOwnerReferences()), claims(meta.getName(), spec == null ? null : spec.getVolumes()),
                meta.getAnnotations() == null ? Map.of() : meta.getAnnotations(),
                request(spec == null ? null : spec.getContainers(), spec == null ? null : spec.getInitContainers(), "cpu", 1000),
                request(spec == null ? null : spec.getContainers(), spec == null ? null : spec.getInitContainers(), "memory", 1),
                meta.getDeletionTimestamp() != null, "Succeeded".equals(phase) || "Failed".equals(phase));
    }

    private static String controllerKind(List<OwnerReference> owners) {
        if (owners == null) {
            return null;
        }
        return owners.stream().filter(o -> Boolean.TRUE.equals(o.getController())).map(OwnerReference::getKind)
                .findFirst().orElse(null);
    }

    private static List<String> claims(String podName, List<Volume> volumes) {
        List<String> claims = new ArrayList<>();
        if (volumes == null) {
            return claims;
        }
        for (Volume volume : volumes) {
            if (volume.getPersistentVolumeClaim() != null && volume.getPersistentVolumeClaim().getClaimName() != null) {
                claims.add(volume.getPersistentVolumeClaim().getClaimName());
            } else if (volume.getEphemeral() != null) {
                claims.add(podName + "-" + volume.getName()); // the claim the ephemeral volume controller creates
            }
        }
        return claims;
    }

    /** The pod's effective request: max(sum over containers, largest init container), as the scheduler counts it. */
    private static long request(List<Container> containers, List<Container> inits, String resource, int scale) {
        long sum = 0;
        for (Container c : containers == null ? List.<Container>of() : containers) {
            sum += amount(c, resource, scale);
        }
        long init = 0;
        for (Container c : inits == null ? List.<Container>of() : inits) {
            init = Math.max(init, amount(c, resource, scale));
        }
        return Math.max(sum, init);
    }

    private static long amount(Container container, String resource, int scale) {
        if (container.getResources() == null || container.getResources().getRequests() == null) {
            return 0;
        }
        Quantity quantity = container.getResources().getRequests().get(resource);
        if (quantity == null) {
            return 0;
        }
        try {
            BigDecimal value = quantity.getNumericalAmount().multiply(BigDecimal.valueOf(scale));
            return Math.max(0, value.setScale(0, RoundingMode.CEILING).longValueExact());
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
