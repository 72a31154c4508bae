package dev.locus.cluster;

import java.util.Map;

/** A StorageClass: provisioner, binding mode and annotations (a class-wide locality policy). */
public record StorageClassInfo(String name, String provisioner, String volumeBindingMode,
                               Map<String, String> annotations) {
    public StorageClassInfo {
        annotations = Map.copyOf(annotations);
    }

    public boolean waitForFirstConsumer() {
        return "WaitForFirstConsumer".equals(volumeBindingMode);
    }
}
