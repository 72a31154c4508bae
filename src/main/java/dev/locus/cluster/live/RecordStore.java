package dev.locus.cluster.live;

import dev.locus.cluster.ClusterSnapshot;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The informer's item store for one kind, holding Locus records instead of fabric8 objects.
 *
 * <p>Design: a fabric8 informer keeps every listed object, and the objects of a 100,000-PV
 * Longhorn cluster (managedFields, status, replica bookkeeping) take gigabytes. fabric8 lets
 * an informer use any {@link ItemStore} (its own {@code ReducedStateItemStore} exists for this
 * reason); this one converts each object to the record a snapshot needs as it arrives and keeps
 * only that record and the object's resourceVersion. Where fabric8 asks for an object back it
 * gets a metadata-only stand-in (name, namespace, resourceVersion): fabric8 uses those only to
 * compare resourceVersions and to report old objects and deletions, and Locus's event handler
 * reads nothing from them. Nobody may read the informer's store for full objects.
 *
 * <p>An arriving object with the stored resourceVersion is the stored object (the API server
 * changes the version with every write), so it is not even converted, and it is handed back
 * as its own stand-in (fabric8 compares the versions, finds them equal and drops it): a relist
 * after a lost watch costs a lookup per unchanged object and allocates nothing. An object whose record equals the stored one keeps
 * the stored instance and reports no change: a Node status heartbeat costs one conversion and
 * nothing more, and caches of derived data can tell unchanged inputs by identity.
 *
 * <p>Concurrency: the informer writes from one thread at a time; snapshot rebuilds read
 * concurrently, which the concurrent map allows (a rebuild sees each entry old or new).
 */
final class RecordStore<T extends HasMetadata, R> implements ItemStore<T> {

    private static final Logger LOG = LoggerFactory.getLogger(RecordStore.class);

    /**
     * A stored record (null when the object could not be converted) and its resourceVersion,
     * kept as a number when it is one in canonical form (saves a string per object; the API
     * promises nothing about the format, so other values are kept as they are).
     */
    private record Entry<R>(R record, long number, String text) {
        static <R> Entry<R> of(R record, String resourceVersion) {
            long number = number(resourceVersion);
            return new Entry<>(record, number, number < 0 ? resourceVersion : null);
        }

        boolean sameVersion(String resourceVersion) {
            return text != null ? text.equals(resourceVersion) : number >= 0 && number == number(resourceVersion);
        }

        private static long number(String s) {
            if (s == null || s.isEmpty() || s.length() > 18 || s.charAt(0) == '0' && s.length() > 1) {
                return -1;
            }
            long value = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c < '0' || c > '9') {
                    return -1;
                }
                value = value * 10 + (c - '0');
            }
            return value;
        }
    }

    private final KindBinding<T, R> binding;
    private final BiConsumer<Object, Object> onChange;
    private final ConcurrentHashMap<String, Entry<R>> entries = new ConcurrentHashMap<>();

    /**
     * @param binding   the kind's conversion
     * @param onChange  called with (old record or null, new record or null) when a record changes
     */
    RecordStore(KindBinding<T, R> binding, BiConsumer<Object, Object> onChange) {
        this.binding = Objects.requireNonNull(binding);
        this.onChange = Objects.requireNonNull(onChange);
    }

    KindBinding<T, R> binding() {
        return binding;
    }

    @Override
    public String getKey(T obj) {
        // a stand-in's key is the stored key: fabric8 checks every stand-in's key on each list
        return obj.getMetadata() instanceof StandInMeta standIn ? standIn.key() : Cache.metaNamespaceKeyFunc(obj);
    }

    @Override
    public T put(String key, T obj) {
        String resourceVersion = obj.getMetadata().getResourceVersion();
        Entry<R> old = entries.get(key);
        if (old != null && old.sameVersion(resourceVersion)) {
            // the arriving object stands in for the stored one: same resourceVersion, so fabric8
            // finds nothing changed and drops it (a relist thus allocates nothing per object here)
            return obj;
        }
        R before = old == null ? null : old.record();
        R after = convert(key, obj);
        if (after != null && after.equals(before)) {
            after = before;
        }
        if (old == null || after != before || !old.sameVersion(resourceVersion)) {
            entries.put(key, Entry.of(after, resourceVersion));
        }
        if (after != before) {
            onChange.accept(before, after);
        }
        return stub(key, old);
    }

    @Override
    public T remove(String key) {
        Entry<R> old = entries.remove(key);
        if (old != null && old.record() != null) {
            onChange.accept(old.record(), null);
        }
        return stub(key, old);
    }

    @Override
    public Stream<String> keySet() {
        return entries.keySet().stream();
    }

    @Override
    public Stream<T> values() {
        return entries.entrySet().stream().map(e -> stub(e.getKey(), e.getValue()));
    }

    @Override
    public int size() {
        return entries.size();
    }

    @Override
    public T get(String key) {
        return stub(key, entries.get(key));
    }

    /** Adds every record to a snapshot under construction. */
    void addTo(ClusterSnapshot.Builder builder) {
        for (Entry<R> entry : entries.values()) {
            if (entry.record() != null) {
                binding.add().accept(builder, entry.record());
            }
        }
    }

    private R convert(String key, T obj) {
        try {
            return binding.convert().apply(key, obj);
        } catch (RuntimeException e) {
            LOG.warn("cannot read {} {}: {}; placement ignores it until it changes", binding.kind().label(), key,
                    e.toString());
            return null;
        }
    }

    /** The metadata-only stand-in fabric8 gets back; null for no entry. */
    private T stub(String key, Entry<R> entry) {
        if (entry == null) {
            return null;
        }
        T stub = binding.stub().get();
        stub.setMetadata(StandInMeta.of(key, entry.number(), entry.text()));
        return stub;
    }
}
