package dev.locus.cluster;

import java.util.Map;

/**
 * A PersistentVolume.
 *
 * @param csiDriver     the CSI driver name, or null for non-CSI volumes
 * @param volumeHandle  the CSI volume handle, or null
 * @param nodeAffinity  {@code spec.nodeAffinity.required}, or null when the volume is usable anywhere
 * @param claim         the claim it is bound to ({@code spec.claimRef}), or null
 */
public record VolumeInfo(String name, String storageClass, long capacityBytes, String csiDriver,
                         String volumeHandle, NodeSelector nodeAffinity, ObjectKey claim,
                         Map<String, String> annotations) {
    public VolumeInfo {
        annotations = Map.copyOf(annotations);
    }
}
