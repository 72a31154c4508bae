package dev.locus.cluster;

/**
 * A CSIDriver object reduced to what placement reads.
 *
 * @param storageCapacity {@code spec.storageCapacity}: the driver publishes CSIStorageCapacity
 *                        objects and wants the scheduler to respect them (absent = false)
 */
public record CsiDriverInfo(String name, boolean storageCapacity) {
}
