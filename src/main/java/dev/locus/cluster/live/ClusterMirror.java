package dev.locus.cluster.live;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.KindKey;
import dev.locus.cluster.ReplicaInfo;
import dev.locus.cluster.SnapshotChange;
import dev.locus.cluster.VolumeInfo;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The informer side of live mode without the informers: one record store per watched kind,
 * the changes they saw, and the rebuild of an immutable snapshot from them.
 * {@link LiveClusterState} plugs the stores into fabric8 informers; benchmarks and tests
 * feed objects in directly with {@link #put} and {@link #remove}, through the same code.
 *
 * <p>Change tracking: a changed PersistentVolume record names its PV, a changed replica
 * record names its storage volume; {@link #rebuild} hands the names gathered since the last
 * rebuild to caches of derived data and forgets them. Changes to other kinds never change where
 * a volume's data is, so they are not tracked.
 *
 * <p>Public for measuring tools (bench/): {@link #put}, {@link #rebuild}, and {@link #itemStore}
 * with {@link #LIST_PAGE_SIZE} to run fabric8's own informer cache classes over the stores
 * without an API server. Nothing else in Locus uses those two.
 */
public final class ClusterMirror {

    /** Page size of the informers' lists, objects: bounds the memory of a relist (client-go's pager uses 500). */
    public static final long LIST_PAGE_SIZE = 500;

    private final Map<WatchedKinds.Kind, RecordStore<?, ?>> stores = new LinkedHashMap<>();
    private final Map<KindKey, RecordStore<?, ?>> byKey = new HashMap<>();
    /** A kind's key and store. */
    private record Route(KindKey key, RecordStore<?, ?> store) {
    }

    /**
     * Routes by kind name, then {@link KindKey#matches} (group and kind): a kind name is not unique
     * (Node and Longhorn's Node). Matching the object's apiVersion and kind as they arrive builds no
     * string per object.
     */
    private final Map<String, List<Route>> byKind = new HashMap<>();
    private final Set<String> changedVolumes = ConcurrentHashMap.newKeySet();
    private final Set<String> changedStorageVolumes = ConcurrentHashMap.newKeySet();
    private final Runnable onChange;
    private final AtomicBoolean dirty = new AtomicBoolean(true);

    /** A mirror of every kind in {@link WatchedKinds#ALL}, optional ones included. */
    public ClusterMirror() {
        this(() -> { });
    }

    /** @param onChange called after every change to a record, from the writing thread; must be quick */
    ClusterMirror(Runnable onChange) {
        this.onChange = Objects.requireNonNull(onChange);
        for (KindBinding<?, ?> binding : Bindings.ALL) {
            RecordStore<?, ?> store = new RecordStore<>(binding, this::changed);
            KindKey key = binding.kind().key();
            if (byKey.putIfAbsent(key, store) != null) {
                throw new IllegalStateException("two watched kinds are " + key);
            }
            stores.put(binding.kind(), store);
            byKind.computeIfAbsent(key.kind(), k -> new ArrayList<>()).add(new Route(key, store));
        }
    }

    /** The store of a watched kind. */
    @SuppressWarnings("unchecked")
    <T extends HasMetadata> RecordStore<T, ?> store(WatchedKinds.Kind kind) {
        RecordStore<?, ?> store = stores.get(kind);
        if (store == null) {
            throw new IllegalArgumentException("not a watched kind: " + kind);
        }
        return (RecordStore<T, ?>) store;
    }

    /**
     * The item store of a watched kind, as {@link LiveClusterState} hands it to that kind's
     * informer. For tools that drive fabric8's informer cache ({@code CacheImpl.setItemStore})
     * without an API server; only fabric8's cache may write to it, and what it hands back are
     * metadata-only stand-ins, never the objects put in.
     */
    @SuppressWarnings("unchecked")
    public ItemStore<HasMetadata> itemStore(WatchedKinds.Kind kind) {
        return (ItemStore<HasMetadata>) (ItemStore<?>) store(kind);
    }

    /** Adds or replaces an object, as its informer would; false when no watched kind matches it. */
    public boolean put(HasMetadata object) {
        return apply(object, true);
    }

    /** Removes an object, as its informer would on a deletion; false when no watched kind matches it. */
    public boolean remove(HasMetadata object) {
        return apply(object, false);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private boolean apply(HasMetadata object, boolean put) {
        Route route = route(object.getApiVersion(), object.getKind());
        if (route == null) {
            return false;
        }
        RecordStore store = route.store();
        if (!store.binding().type().isInstance(object)
                || (object instanceof GenericKubernetesResource && store.binding().typed())) {
            return false;
        }
        String key = store.getKey(object);
        if (put) {
            store.put(key, object);
        } else {
            store.remove(key);
        }
        return true;
    }

    /** Objects held, over all kinds. */
    public int size() {
        return stores.values().stream().mapToInt(RecordStore::size).sum();
    }

    /**
     * Builds a snapshot of every record held, numbered {@code generation}, with the names
     * changed since the previous rebuild. Names changed while it runs are kept for the next one.
     */
    public SnapshotChange rebuild(long generation) {
        dirty.set(false);
        Set<String> volumes = drain(changedVolumes);
        Set<String> storageVolumes = drain(changedStorageVolumes);
        ClusterSnapshot.Builder builder = ClusterSnapshot.builder().generation(generation)
                .expect(size(KindKey.NODE), size(KindKey.PERSISTENT_VOLUME), size(KindKey.PERSISTENT_VOLUME_CLAIM),
                        size(KindKey.LONGHORN_REPLICA));
        for (RecordStore<?, ?> store : stores.values()) {
            store.addTo(builder);
        }
        return new SnapshotChange(builder.build(), volumes, storageVolumes);
    }

    /** Objects held of a kind. */
    private int size(KindKey key) {
        RecordStore<?, ?> store = byKey.get(key);
        return store == null ? 0 : store.size();
    }

    /** The route of an object's apiVersion and kind, or null when no watched kind matches them. */
    private Route route(String apiVersion, String kind) {
        List<Route> routes = kind == null ? null : byKind.get(kind);
        if (routes != null) {
            for (Route route : routes) {
                if (route.key().matches(apiVersion, kind)) {
                    return route;
                }
            }
        }
        return null;
    }

    /** True when a record changed since the last rebuild (or none happened yet). */
    boolean dirty() {
        return dirty.get();
    }

    private static Set<String> drain(Set<String> source) {
        Set<String> drained = new HashSet<>();
        for (Iterator<String> it = source.iterator(); it.hasNext(); ) {
            drained.add(it.next());
            it.remove();
        }
        return drained;
    }

    private void changed(Object before, Object after) {
        dirty.set(true);
        track(before);
        track(after);
        onChange.run();
    }

    private void track(Object record) {
        if (record instanceof VolumeInfo volume) {
            changedVolumes.add(volume.name());
        } else if (record instanceof ReplicaInfo replica && replica.volumeName() != null) {
            changedStorageVolumes.add(replica.volumeName());
        }
    }
}
