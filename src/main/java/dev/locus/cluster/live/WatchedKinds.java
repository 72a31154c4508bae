package dev.locus.cluster.live;

import java.util.List;

/**
 * The API resources Locus reads in live mode: the single list that the informers, the
 * RBAC ClusterRole in {@code deploy/} and its test are all derived from.
 */
public final class WatchedKinds {

    /** One watched resource: API group ("" for core), version, plural resource name, kind. */
    public record Kind(String group, String version, String resource, String kind, boolean optional) {
    }

    /** Every kind an informer watches; optional ones are only watched when the API exists. */
    public static final List<Kind> ALL = List.of(
            new Kind("", "v1", "nodes", "Node", false),
            new Kind("", "v1", "persistentvolumes", "PersistentVolume", false),
            new Kind("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", false),
            new Kind("storage.k8s.io", "v1", "storageclasses", "StorageClass", false),
            new Kind("storage.k8s.io", "v1", "csinodes", "CSINode", false),
            new Kind("storage.k8s.io", "v1", "csistoragecapacities", "CSIStorageCapacity", false),
            new Kind("storage.k8s.io", "v1", "csidrivers", "CSIDriver", false),
            new Kind("longhorn.io", "v1beta2", "replicas", "Replica", true));

    private WatchedKinds() {
    }
}
