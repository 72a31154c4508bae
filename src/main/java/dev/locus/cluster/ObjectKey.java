package dev.locus.cluster;

import java.util.Objects;

/** The identity of a namespaced object: the key of every namespaced cache in Locus. */
public record ObjectKey(String namespace, String name) {
    public ObjectKey {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
