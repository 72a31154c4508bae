package dev.locus.bench.live;

import dev.locus.cluster.live.ClusterMirror;
import dev.locus.cluster.live.WatchedKinds;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.impl.cache.CacheImpl;
import io.fabric8.kubernetes.client.informers.impl.cache.ProcessorStore;
import io.fabric8.kubernetes.client.informers.impl.cache.SharedProcessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * What a fabric8 (8.0) informer does with a full list, minus HTTP and JSON, through fabric8's
 * own cache classes wrapped around a mirror's item stores ({@link ClusterMirror#itemStore}), set
 * up as Locus's informers are (the store as item store, no namespace index).
 *
 * <p>Per kind, as {@code Reflector.listSyncAndWatch} and {@code ProcessorStore} run it when
 * watch-list streaming is off (fabric8's default): every listed object's key into a
 * {@code ConcurrentSkipListSet}, each page of {@link ClusterMirror#LIST_PAGE_SIZE} objects into
 * the cache (key, store put, resourceVersion comparison, notification), then
 * {@code syncList}: the store's stand-ins for every object it holds, checked against the listed
 * keys (and, on the first list, the deferred add notifications). Left out: the
 * {@code onBeforeList}/{@code onList} events (one per list) and the handler's queue, since the
 * processor here has no listener.
 */
final class InformerListPath {

    private final Map<WatchedKinds.Kind, ProcessorStore<HasMetadata>> stores = new LinkedHashMap<>();
    private final Map<WatchedKinds.Kind, List<HasMetadata>> lists = new LinkedHashMap<>();

    /**
     * @param mirror   the mirror whose stores the cache wraps
     * @param objects  the listed objects, of watched kinds; grouped by kind here, once
     */
    InformerListPath(ClusterMirror mirror, List<HasMetadata> objects) {
        for (WatchedKinds.Kind kind : WatchedKinds.ALL) {
            CacheImpl<HasMetadata> cache = new CacheImpl<>();
            cache.setItemStore(mirror.itemStore(kind));
            cache.removeIndexer(CacheImpl.NAMESPACE_INDEX);
            stores.put(kind, new ProcessorStore<>(cache, new SharedProcessor<>()));
            lists.put(kind, new ArrayList<>());
        }
        for (HasMetadata object : objects) {
            // by group and kind: a kind name alone is not unique (Node, Longhorn's Node)
            WatchedKinds.Kind kind = WatchedKinds.ALL.stream()
                    .filter(k -> k.key().matches(object.getApiVersion(), object.getKind())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("not a watched kind: " + object.getApiVersion()
                            + " " + object.getKind()));
            lists.get(kind).add(object);
        }
    }

    /** Lists every kind once, as the informers do after a start or a lost watch. */
    void listAll() {
        stores.forEach((kind, store) -> list(store, lists.get(kind)));
    }

    private static void list(ProcessorStore<HasMetadata> store, List<HasMetadata> items) {
        Set<String> keys = new ConcurrentSkipListSet<>();
        int page = (int) ClusterMirror.LIST_PAGE_SIZE;
        for (int from = 0; from < items.size(); from += page) {
            List<HasMetadata> onePage = items.subList(from, Math.min(items.size(), from + page));
            onePage.forEach(item -> keys.add(store.getKey(item)));
            store.update(onePage);
        }
        store.syncList(keys);
    }
}
