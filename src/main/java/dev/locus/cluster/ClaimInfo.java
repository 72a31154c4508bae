package dev.locus.cluster;

import java.util.Map;

/**
 * A PersistentVolumeClaim.
 *
 * @param volumeName   the bound PV's name, or null while unbound (e.g. WaitForFirstConsumer)
 * @param storageClass the claim's StorageClass as Kubernetes reads it (the annotation
 *                     {@code volume.beta.kubernetes.io/storage-class} when present, else
 *                     {@code spec.storageClassName}), or null/empty for none
 * @param requestBytes requested storage in bytes, 0 when unstated
 */
public record ClaimInfo(ObjectKey key, String volumeName, String storageClass, long requestBytes,
                        Map<String, String> annotations) {
    public ClaimInfo {
        annotations = Map.copyOf(annotations);
    }

    public boolean bound() {
        return volumeName != null && !volumeName.isEmpty();
    }
}
