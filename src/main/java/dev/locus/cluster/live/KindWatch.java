package dev.locus.cluster.live;

import dev.locus.cluster.KindStatus;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kind's informer and how current it is.
 *
 * <p>Design: the informer writes into the kind's {@link RecordStore}; this class only watches
 * the informer. fabric8 re-establishes a lost watch by itself (resuming from the last
 * resourceVersion, or with a full relist when the API server answers 410 Gone), but its
 * default exception handler gives up when the first list fails; ours always retries, with
 * fabric8's exponential back-off, so Locus started against an unreachable API server keeps
 * trying and becomes ready when it can. Staleness is the time since the kind was last known in
 * sync: now while its watch is open, else the last time an event or list arrived or the health
 * tick saw the watch open.
 */
final class KindWatch<T extends HasMetadata> implements ResourceEventHandler<T>, ExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(KindWatch.class);

    private final KindBinding<T, ?> binding;
    private final String label;
    private final SharedIndexInformer<T> informer;
    private final AtomicLong lists = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong failureStreak = new AtomicLong();
    private final AtomicLong watchRestarts = new AtomicLong();
    private volatile long lastLiveNanos = System.nanoTime();
    private boolean wasWatching;
    /** The watch was seen open once synced: a later opening is a restart. */
    private boolean everWatched;

    private KindWatch(KubernetesClient client, RecordStore<T, ?> store) {
        this.binding = store.binding();
        this.label = binding.kind().label();
        this.informer = informable(client, binding).withLimit(ClusterMirror.LIST_PAGE_SIZE).runnableInformer(0);
        informer.itemStore(store);
        informer.removeNamespaceIndex();
        informer.exceptionHandler(this);
        informer.addEventHandler(this);
    }

    /** Creates and starts the informer of {@code store}'s kind; the stage completes once it has synced. */
    static <T extends HasMetadata> KindWatch<T> start(KubernetesClient client, RecordStore<T, ?> store,
                                                     Runnable onSynced) {
        KindWatch<T> watch = new KindWatch<>(client, store);
        CompletionStage<Void> started = watch.informer.start();
        started.thenRun(() -> {
            LOG.info("{}: synced {} objects", watch.kind(), store.size());
            onSynced.run();
        });
        return watch;
    }

    private static <T extends HasMetadata> Informable<T> informable(KubernetesClient client, KindBinding<T, ?> b) {
        if (b.typed()) {
            return client.resources(b.type()).inAnyNamespace();
        }
        ResourceDefinitionContext context = new ResourceDefinitionContext.Builder()
                .withGroup(b.kind().group()).withVersion(b.kind().version())
                .withPlural(b.kind().resource()).withKind(b.kind().kind()).withNamespaced(true).build();
        @SuppressWarnings("unchecked")
        Informable<T> generic = (Informable<T>) client.genericKubernetesResources(context).inAnyNamespace();
        return generic;
    }

    /** The kind's name in logs and metrics ({@link WatchedKinds.Kind#label()}: unique among the watched kinds). */
    String kind() {
        return label;
    }

    boolean synced() {
        return informer.hasSynced();
    }

    /** Samples the watch: keeps the staleness clock at now while it is open, logs and counts transitions. */
    void tick() {
        sample(informer.isWatching());
    }

    /**
     * Every look at the watch state is a sample (the health tick, and each status read by a
     * scrape or a test): a restart is counted when the watch is seen open after it was seen
     * closed, once it had been seen open after the first sync.
     */
    private synchronized void sample(boolean watching) {
        if (watching) {
            lastLiveNanos = System.nanoTime();
        }
        if (watching != wasWatching && informer.hasSynced()) {
            if (watching) {
                if (everWatched) {
                    watchRestarts.incrementAndGet();
                }
                everWatched = true;
                LOG.info("{}: watch (re-)established", kind());
            } else {
                LOG.warn("{}: watch lost; serving the last known state while fabric8 re-establishes it", kind());
            }
        }
        wasWatching = watching;
    }

    KindStatus status() {
        boolean watching = informer.isWatching();
        sample(watching);
        long now = System.nanoTime();
        double age = watching ? 0 : (now - lastLiveNanos) / (double) TimeUnit.SECONDS.toNanos(1);
        return new KindStatus(kind(), informer.hasSynced(), watching, age, Math.max(0, lists.get() - 1), errors.get(),
                watchRestarts.get());
    }

    void stop() {
        informer.stop();
    }

    @Override
    public boolean retryAfterException(boolean isStarted, Throwable t) {
        errors.incrementAndGet();
        long streak = failureStreak.incrementAndGet();
        if (ExceptionHandler.isDeserializationException(t)) {
            LOG.error("{}: cannot read the API server's answer ({}); retrying", kind(), t.toString());
        } else if (streak == 1 || streak % 10 == 0) {
            LOG.warn("{}: list/watch failed ({}); retrying with back-off{}", kind(), t.toString(),
                    isStarted ? "" : ", not ready until it succeeds");
        }
        return true;
    }

    @Override
    public void onList(String resourceVersion, boolean remainedEmpty) {
        lastLiveNanos = System.nanoTime();
        failureStreak.set(0);
        if (lists.incrementAndGet() > 1) {
            LOG.info("{}: relisted at resourceVersion {}", kind(), resourceVersion);
        }
    }

    @Override
    public void onAdd(T obj) {
        lastLiveNanos = System.nanoTime();
    }

    @Override
    public void onUpdate(T oldObj, T newObj) {
        lastLiveNanos = System.nanoTime();
    }

    @Override
    public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        lastLiveNanos = System.nanoTime();
    }
}
