package dev.locus.cluster.live;

import dev.locus.cluster.ClusterObjects;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.KindKey;
import dev.locus.cluster.LonghornNodeInfo;
import dev.locus.cluster.LonghornNodes;
import dev.locus.cluster.ReplicaInfo;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.CSIDriver;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.CSIStorageCapacity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The binding of every kind in {@link WatchedKinds#ALL}, derived from that list: a kind
 * without a binding, or a binding whose fabric8 class names another API resource, fails at
 * class initialisation, so informers, RBAC and this table cannot drift apart.
 */
final class Bindings {

    /** A CSINode object reduced to what placement reads. */
    record CsiNodeDrivers(String node, Set<String> drivers) {
        CsiNodeDrivers {
            drivers = Set.copyOf(drivers);
        }
    }

    /** Factories by group and kind (kind names alone collide: Node and Longhorn's Node). */
    private static final Map<KindKey, Function<WatchedKinds.Kind, KindBinding<?, ?>>> BY_KIND = Map.of(
            KindKey.NODE, k -> typed(k, Node.class, ClusterObjects::node, ClusterSnapshot.Builder::node, Node::new),
            KindKey.PERSISTENT_VOLUME, k -> typed(k, PersistentVolume.class, ClusterObjects::volume,
                    ClusterSnapshot.Builder::volume, PersistentVolume::new),
            KindKey.PERSISTENT_VOLUME_CLAIM, k -> typed(k, PersistentVolumeClaim.class, ClusterObjects::claim,
                    ClusterSnapshot.Builder::claim, PersistentVolumeClaim::new),
            storage("StorageClass"), k -> typed(k, StorageClass.class, ClusterObjects::storageClass,
                    ClusterSnapshot.Builder::storageClass, StorageClass::new),
            storage("CSINode"), k -> typed(k, CSINode.class,
                    c -> new CsiNodeDrivers(c.getMetadata().getName(), ClusterObjects.csiDrivers(c)),
                    (b, r) -> b.csiDrivers(r.node(), r.drivers()), CSINode::new),
            storage("CSIStorageCapacity"), k -> typed(k, CSIStorageCapacity.class, ClusterObjects::capacity,
                    ClusterSnapshot.Builder::capacity, CSIStorageCapacity::new),
            storage("CSIDriver"), k -> typed(k, CSIDriver.class, ClusterObjects::csiDriver,
                    ClusterSnapshot.Builder::csiDriver, CSIDriver::new),
            // the store key ("namespace/name") is the replica's name: one string, not two
            KindKey.LONGHORN_REPLICA, k -> new KindBinding<GenericKubernetesResource, ReplicaInfo>(k,
                    GenericKubernetesResource.class, ClusterObjects::longhornReplica,
                    ClusterSnapshot.Builder::replica, generic(k)),
            // keyed "longhorn-system/name" in the store; the record carries the node's name
            KindKey.LONGHORN_NODE, k -> new KindBinding<GenericKubernetesResource, LonghornNodeInfo>(k,
                    GenericKubernetesResource.class, (key, node) -> LonghornNodes.of(node),
                    ClusterSnapshot.Builder::longhornNode, generic(k)));

    private static KindKey storage(String kind) {
        return new KindKey("storage.k8s.io", kind);
    }

    /** The storage system an optional API group belongs to, for log lines; the group itself when unknown. */
    private static final Map<String, String> SYSTEMS = Map.of("longhorn.io", "Longhorn");

    /** One binding per entry of {@link WatchedKinds#ALL}, in that order. */
    static final List<KindBinding<?, ?>> ALL = WatchedKinds.ALL.stream().<KindBinding<?, ?>>map(Bindings::of).toList();

    private Bindings() {
    }

    /** The binding of a watched kind; throws IllegalStateException when the kind has none. */
    static KindBinding<?, ?> of(WatchedKinds.Kind kind) {
        Function<WatchedKinds.Kind, KindBinding<?, ?>> factory = BY_KIND.get(kind.key());
        if (factory == null) {
            throw new IllegalStateException("watched kind " + kind.kind() + " has no binding in " + Bindings.class);
        }
        KindBinding<?, ?> binding = factory.apply(kind);
        if (binding.typed()) {
            check(kind, binding.type());
        }
        return binding;
    }

    /** The name of the system serving {@code kind}'s API group, e.g. "Longhorn". */
    static String system(WatchedKinds.Kind kind) {
        return SYSTEMS.getOrDefault(kind.group(), kind.group());
    }

    private static void check(WatchedKinds.Kind kind, Class<? extends HasMetadata> type) {
        String actual = HasMetadata.getGroup(type) + "/" + HasMetadata.getVersion(type) + "/"
                + HasMetadata.getPlural(type) + "/" + HasMetadata.getKind(type);
        String expected = kind.group() + "/" + kind.version() + "/" + kind.resource() + "/" + kind.kind();
        if (!actual.equals(expected)) {
            throw new IllegalStateException("binding of " + expected + " uses " + type.getName() + " (" + actual + ")");
        }
    }

    private static <T extends HasMetadata, R> KindBinding<T, R> typed(
            WatchedKinds.Kind kind, Class<T> type, Function<T, R> convert,
            BiConsumer<ClusterSnapshot.Builder, R> add, Supplier<T> stub) {
        return new KindBinding<>(kind, type, (key, object) -> convert.apply(object), add, stub);
    }

    /** Stand-ins of a generic kind: made for every held object on every list, so the API version is built once. */
    private static Supplier<GenericKubernetesResource> generic(WatchedKinds.Kind kind) {
        String apiVersion = kind.apiVersion();
        return () -> {
            GenericKubernetesResource resource = new GenericKubernetesResource();
            resource.setApiVersion(apiVersion);
            resource.setKind(kind.kind());
            return resource;
        };
    }
}
