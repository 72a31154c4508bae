package dev.locus.cluster.live;

import dev.locus.cluster.KindKey;
import java.util.List;

/**
 * The API resources Locus reads in live mode: the single list that the informers, the
 * RBAC ClusterRole in {@code deploy/} and its test are all derived from.
 */
public final class WatchedKinds {

    /**
     * One watched resource: API group ("" for core), version, plural resource name, kind. A kind
     * name alone does not name a resource (Longhorn's {@code nodes.longhorn.io} is kind Node too):
     * its {@link #key()}, group and kind, does.
     */
    public record Kind(String group, String version, String resource, String kind, boolean optional) {

        /** Group and kind: what tells this kind from another of the same name. */
        public KindKey key() {
            return new KindKey(group, kind);
        }

        /** The API version string, "v1" or "group/v1". */
        public String apiVersion() {
            return group.isEmpty() ? version : group + "/" + version;
        }

        /**
         * The name in logs and in metrics' {@code kind} label: the kind, or {@code resource.group}
         * (kubectl's name, e.g. {@code nodes.longhorn.io}) for a kind of another API group whose
         * name a core kind already has.
         */
        public String label() {
            KindKey core = key().inCore();
            boolean shadowed = !group.isEmpty() && ALL.stream().anyMatch(k -> k.key().equals(core));
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
