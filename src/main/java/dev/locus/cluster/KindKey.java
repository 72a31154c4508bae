package dev.locus.cluster;

import java.util.Objects;

/**
 * What names a kind of API object: its API group ("" for core) and kind name. A kind name alone
 * does not (Longhorn's {@code nodes.longhorn.io} is kind Node, like the core Node); the version
 * does not take part, so a key stands for its kind at every version the API serves. The one way
 * Locus tells kinds apart: in the watched-kind table, the informer bindings, the mirror's routes
 * and the manifest loader.
 */
public record KindKey(String group, String kind) {

    public static final KindKey NODE = new KindKey("", "Node");
    public static final KindKey PERSISTENT_VOLUME = new KindKey("", "PersistentVolume");
    public static final KindKey PERSISTENT_VOLUME_CLAIM = new KindKey("", "PersistentVolumeClaim");
    public static final KindKey LONGHORN_REPLICA = new KindKey("longhorn.io", "Replica");
    public static final KindKey LONGHORN_NODE = new KindKey("longhorn.io", "Node");

    public KindKey {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(kind, "kind");
    }

    /**
     * True when an object of {@code apiVersion} ("v1" or "group/version") and {@code kind} is of
     * this kind. Builds no string: the mirror asks it for every object an informer delivers.
     */
    public boolean matches(String apiVersion, String kind) {
        if (apiVersion == null || !this.kind.equals(kind)) {
            return false;
        }
        int slash = apiVersion.indexOf('/');
        return group.isEmpty() ? slash < 0 : slash == group.length() && apiVersion.startsWith(group);
    }

    /** The core kind of the same name, e.g. Node for Longhorn's Node. */
    public KindKey inCore() {
        return group.isEmpty() ? this : new KindKey("", kind);
    }

    @Override
    public String toString() {
        return group.isEmpty() ? kind : kind + "." + group;
    }
}
