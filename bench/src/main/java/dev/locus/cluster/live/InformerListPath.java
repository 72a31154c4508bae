package dev.locus.cluster.live;

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
 * What a fabric8 (7.8) informer does with a full list, minus HTTP and JSON, through fabric8's
 * own cache classes wrapped around a mirror's record stores, as {@link KindWatch} sets them up
 * (the store as item store, no namespace index, one event handler that reads nothing).
 *
 * <p>Per kind, as {@code Reflector.processList} and {@code ProcessorStore} run it: every listed
 * object's key into a skip-list set, each page of {@link KindWatch#LIST_PAGE_SIZE} objects into
 * the cache (key, store put, resourceVersion comparison, notification), then
 * {@code syncList}: the store's stand-ins for every object it holds, checked against the listed
 * keys (and, on the first list, the deferred add notifications).
 */
final class InformerListPath {

    private final Map<Class<?>, ProcessorStore<HasMetadata>> stores = new LinkedHashMap<>();
    private final Map<Class<?>, List<HasMetadata>> lists = new LinkedHashMap<>();

    /**
     * @param mirror   the mirror whose stores the cache wraps
     * @param objects  the listed objects, of watched kinds; grouped by kind here, once
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    InformerListPath(ClusterMirror mirror, List<HasMetadata> objects) {
        for (KindBinding<?, ?> binding : Bindings.ALL) {
            CacheImpl cache = new CacheImpl<>();
            cache.setItemStore(mirror.store(binding.kind()));
            cache.removeIndexer(CacheImpl.NAMESPACE_INDEX);
            stores.put(binding.type(), new ProcessorStore<>(cache, new SharedProcessor<>()));
            lists.put(binding.type(), new ArrayList<>());
        }
        for (HasMetadata object : objects) {
            List<HasMetadata> list = lists.get(object.getClass());
            if (list == null) {
                throw new IllegalArgumentException("not a watched kind: " + object.getClass());
            }
            list.add(object);
        }
    }

    /** Lists every kind once, as the informers do after a start or a lost watch. */
    void listAll() {
        stores.forEach((type, store) -> list(store, lists.get(type)));
    }

    private static void list(ProcessorStore<HasMetadata> store, List<HasMetadata> items) {
        Set<String> keys = new ConcurrentSkipListSet<>();
        int page = (int) KindWatch.LIST_PAGE_SIZE;
        for (int from = 0; from < items.size(); from += page) {
            List<HasMetadata> items500 = items.subList(from, Math.min(items.size(), from + page));
            items500.forEach(item -> keys.add(store.getKey(item)));
            store.update(items500);
        }
        store.syncList(keys);
    }
}
