package dev.locus.cluster.live;

import java.util.List;

/**
 * The API resources Locus reads in live mode: the single list that the informers, the
 * RBAC ClusterRole in {@code deploy/} and its test are all derived from.
 */
public final class WatchedKinds {

    /**
     * One watched resource: API group ("" for core), version, plural resource name, kind. A kind
     * name alone does not name a resource (Longhorn's {@code nodes.longhorn.io} is kind Node too):
     * group and kind together do.
     */
    public record Kind(String group, String version, String resource, String kind, boolean optional) {

        /**
         * The name in logs and in metrics' {@code kind} label: the kind, or {@code resource.group}
         * (kubectl's name, e.g. {@code nodes.longhorn.io}) for a kind of another API group whose
         * name a core kind already has.
         */
        public String label() {
            boolean shadowed = !group.isEmpty()
                    && ALL.stream().anyMatch(k -> k.group().isEmpty() && k.kind().equals(kind));
            return shadowed ? resource + "." + group : kind;
        }
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
            new Kind("longhorn.io", "v1beta2", "replicas", "Replica", true),
            new Kind("longhorn.io", "v1beta2", "nodes", "Node", true));

    private WatchedKinds() {
    }
}
