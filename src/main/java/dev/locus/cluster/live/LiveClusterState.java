package dev.locus.cluster.live;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ClusterState;
import dev.locus.cluster.KindStatus;
import dev.locus.cluster.SnapshotChange;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live cluster, learnt continuously by fabric8 informers and served from memory: the
 * request path reads {@link #current()} and never calls the API server.
 *
 * <p>Lifecycle: {@link #start} returns at once. One informer per kind of
 * {@link WatchedKinds#ALL} lists and watches in the background; optional kinds (Longhorn's
 * {@code replicas.longhorn.io} and {@code nodes.longhorn.io}) are watched only when API discovery says they are served,
 * which is asked once at start and again with back-off until the API server answers.
 * An unreachable API server never stops the process: every list and watch is retried.
 *
 * <p>Readiness: {@link #ready()} turns true when the first snapshot is published, which
 * waits for every informer's first full list and for discovery; it then stays true.
 *
 * <p>Staleness rule: when watches are lost, the last published snapshot keeps being served
 * unchanged, because a slightly old cluster places pods better than no answer does, and
 * placement never trusts locality it cannot see (a claim or volume missing from the
 * snapshot is "locality unknown", neutral). How old each kind may be is published per kind
 * ({@link #kinds()}, {@code locus_snapshot_age_seconds{kind}}); a lost watch is resumed by
 * fabric8, or re-established with a full relist when the API server no longer has its
 * resourceVersion, and the next snapshot reflects whatever changed meanwhile. A state stale
 * for {@link StalenessLog#WARN_AFTER_SECONDS} is logged, again every
 * {@link StalenessLog#REPEAT_SECONDS}, and once more when it is current again; {@code /readyz}
 * says so in its body, and stays 200.
 */
public final class LiveClusterState implements ClusterState, AutoCloseable {

    /** Period of the watch health sample, ms: the resolution of the staleness gauge. */
    static final long HEALTH_PERIOD_MS = 1000;
    /** First and longest wait between two discovery attempts, ms (doubling in between). */
    static final long DISCOVERY_RETRY_FIRST_MS = 1000;
    static final long DISCOVERY_RETRY_MAX_MS = 30_000;

    private static final Logger LOG = LoggerFactory.getLogger(LiveClusterState.class);

    private final KubernetesClient client;
    private final boolean ownsClient;
    private final ScheduledExecutorService executor;
    private final ClusterMirror mirror;
    private final SnapshotPublisher publisher;
    private final List<KindWatch<?>> watches = new CopyOnWriteArrayList<>();
    private final AtomicInteger pendingDiscoveries = new AtomicInteger();
    private final StalenessLog staleness = new StalenessLog();
    private volatile boolean begun;
    private volatile boolean closed;

    private LiveClusterState(KubernetesClient client, boolean ownsClient) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "locus-cluster-state");
            thread.setDaemon(true);
            return thread;
        });
        this.mirror = new ClusterMirror(this::changed);
        this.publisher = new SnapshotPublisher(mirror, executor, this::complete);
    }

    /** Starts watching through {@code client}, which the caller keeps owning; returns at once. */
    public static LiveClusterState start(KubernetesClient client) {
        LiveClusterState state = new LiveClusterState(client, false);
        state.begin();
        return state;
    }

    /**
     * Starts watching the cluster of the usual fabric8 configuration: the in-cluster service
     * account, else KUBECONFIG or ~/.kube/config. Returns at once; reaching the cluster is retried.
     *
     * @throws LiveClusterException when the configuration itself is unusable
     */
    public static LiveClusterState connect() {
        KubernetesClient client;
        try {
            client = new KubernetesClientBuilder().build();
        } catch (KubernetesClientException | IllegalArgumentException e) {
            throw new LiveClusterException("cannot configure the Kubernetes client: " + e.getMessage(), e);
        }
        LOG.info("live mode: watching the cluster at {}", client.getMasterUrl());
        LiveClusterState state = new LiveClusterState(client, true);
        state.begin();
        return state;
    }

    private void begin() {
        for (KindBinding<?, ?> binding : Bindings.ALL) {
            if (binding.kind().optional()) {
                pendingDiscoveries.incrementAndGet();
                executor.execute(() -> discover(binding, DISCOVERY_RETRY_FIRST_MS));
            } else {
                watch(binding);
            }
        }
        begun = true;
        publisher.requestRebuild();
        executor.scheduleWithFixedDelay(this::tick, HEALTH_PERIOD_MS, HEALTH_PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private void watch(KindBinding<?, ?> binding) {
        watches.add(KindWatch.start(client, mirror.store(binding.kind()), publisher::requestRebuild));
    }

    /** Asks whether an optional kind is served; watches it when it is, says once that it is off when not. */
    private void discover(KindBinding<?, ?> binding, long retryMs) {
        if (closed) {
            return;
        }
        WatchedKinds.Kind kind = binding.kind();
        String name = kind.resource() + "." + kind.group() + " (" + kind.version() + ")";
        try {
            APIResourceList resources = client.getApiResources(binding.kind().apiVersion());
            boolean served = resources != null && resources.getResources() != null
                    && resources.getResources().stream().anyMatch(r -> kind.resource().equals(r.getName()));
            if (served) {
                LOG.info("{} found: watching {}", Bindings.system(kind), name);
                watch(binding);
            } else {
                LOG.info("{} not found: {} is not served; not watched", Bindings.system(kind), name);
            }
            pendingDiscoveries.decrementAndGet();
            publisher.requestRebuild();
        } catch (RuntimeException e) {
            LOG.warn("cannot tell whether {} is served ({}); asking again in {} ms", name, e.toString(), retryMs);
            executor.schedule(() -> discover(binding, Math.min(2 * retryMs, DISCOVERY_RETRY_MAX_MS)), retryMs,
                    TimeUnit.MILLISECONDS);
        }
    }

    /**
     * True when a snapshot would be complete: every kind has its informer or pending discovery
     * ({@code begun}: the first informers can sync while later ones are still being created),
     * discovery answered, and every informer has listed once.
     */
    private boolean complete() {
        return begun && pendingDiscoveries.get() == 0 && watches.stream().allMatch(KindWatch::synced);
    }

    private void changed() {
        publisher.requestRebuild();
    }

    private void tick() {
        for (KindWatch<?> watch : watches) {
            try {
                watch.tick();
            } catch (RuntimeException e) {
                // an exception would cancel the periodic tick for good
                LOG.warn("{}: cannot sample the watch: {}", watch.kind(), e.toString());
            }
        }
        try {
            staleness.sample(ready(), kinds(), current().generation());
        } catch (RuntimeException e) {
            LOG.warn("cannot sample staleness: {}", e.toString());
        }
    }

    /** The API client the informers use; subsystems that talk to the API (the health monitor) share it. */
    public KubernetesClient client() {
        return client;
    }

    @Override
    public ClusterSnapshot current() {
        return publisher.current();
    }

    /** True once the first complete snapshot is published; stays true while watches recover. */
    @Override
    public boolean ready() {
        return publisher.current().generation() > 0;
    }

    @Override
    public boolean live() {
        return true;
    }

    /** True when the informers hold a change no snapshot has yet (tests: a change received, not yet published). */
    boolean pending() {
        return mirror.dirty();
    }

    @Override
    public void addListener(Consumer<SnapshotChange> listener) {
        publisher.addListener(listener);
    }

    @Override
    public List<KindStatus> kinds() {
        return watches.stream().map(KindWatch::status).toList();
    }

    /** Stops every informer and the state thread; closes the client when this state created it. */
    @Override
    public void close() {
        closed = true;
        watches.forEach(KindWatch::stop);
        executor.shutdownNow();
        if (ownsClient) {
            client.close();
        }
    }
}
