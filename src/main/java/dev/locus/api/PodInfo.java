package dev.locus.api;

import java.util.List;
import java.util.Map;

/**
 * The parts of the request's Pod that placement reads.
 *
 * @param claimNames names of the PersistentVolumeClaims the pod mounts, in the pod's
 *                   namespace: {@code persistentVolumeClaim.claimName} volumes, and the
 *                   {@code <pod>-<volume>} claims of generic ephemeral volumes
 */
public record PodInfo(String namespace, String name, Map<String, String> annotations, List<String> claimNames) {
    public PodInfo {
        annotations = Map.copyOf(annotations);
        claimNames = List.copyOf(claimNames);
    }
}
