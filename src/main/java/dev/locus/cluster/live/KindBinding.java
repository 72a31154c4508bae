package dev.locus.cluster.live;

import dev.locus.cluster.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * How objects of one watched kind become part of a snapshot.
 *
 * @param kind     the watched kind, as listed in {@link WatchedKinds#ALL}
 * @param type     the fabric8 class objects arrive as ({@code GenericKubernetesResource} for CRDs)
 * @param convert  (store key, fabric8 object) to Locus record; records must have value equality
 * @param add      puts a record into a snapshot builder
 * @param stub     an empty object of the kind, for the metadata-only stand-ins the store hands back
 * @param <T>      the fabric8 type
 * @param <R>      the record type
 */
record KindBinding<T extends HasMetadata, R>(WatchedKinds.Kind kind, Class<T> type, BiFunction<String, T, R> convert,
                                            BiConsumer<ClusterSnapshot.Builder, R> add, Supplier<T> stub) {
    KindBinding {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(convert, "convert");
        Objects.requireNonNull(add, "add");
        Objects.requireNonNull(stub, "stub");
    }

    /** True for a typed binding whose fabric8 class is not the generic one (CRDs are generic). */
    boolean typed() {
        return type != io.fabric8.kubernetes.api.model.GenericKubernetesResource.class;
    }
}
