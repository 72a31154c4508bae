package dev.locus.cluster;

/**
 * A CSIStorageCapacity object: free capacity of one StorageClass in one topology segment.
 *
 * @param nodeTopology        the nodes the segment covers
 * @param capacityBytes       free capacity, bytes; -1 when not reported
 * @param maximumVolumeSize   largest single volume that can be created, bytes; -1 when not reported
 */
public record StorageCapacityInfo(ObjectKey key, String storageClass, LabelSelector nodeTopology,
                                  long capacityBytes, long maximumVolumeSize) {
}
