package dev.locus.cluster.live;

import static dev.locus.cluster.live.TestObjects.LONGHORN_NAMESPACE;
import static dev.locus.cluster.live.TestObjects.REPLICAS;
import static dev.locus.cluster.live.TestObjects.claim;
import static dev.locus.cluster.live.TestObjects.longhornVolume;
import static dev.locus.cluster.live.TestObjects.node;
import static dev.locus.cluster.live.TestObjects.replica;
import static dev.locus.cluster.live.TestObjects.replicaCrd;
import static dev.locus.cluster.live.TestObjects.storageClass;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ClusterState;
import dev.locus.cluster.KindStatus;
import dev.locus.cluster.ObjectKey;
import dev.locus.cluster.SnapshotChange;
import dev.locus.config.LocusConfig;
import dev.locus.testing.RunningLocus;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A claim bound just before kube-scheduler asks, while Locus's snapshot is one publication
 * behind (docs/live-cluster.md, "A binding Locus has not seen yet"): the scheduler lets no pod
 * through whose immediate claim is unbound, so Locus waits for the snapshot that has the binding
 * and answers with the volume's locality. A WaitForFirstConsumer claim that is unbound waits for
 * nothing, and a claim that never appears is waited for a bounded time, then answered as before.
 *
 * <p>The race is made deterministic without sleeps: a listener holds the state thread (no
 * snapshot is published meanwhile) while the claim is bound and the informer receives it, and
 * the request's own read of the snapshot lets it go, so the request surely reads the snapshot
 * without the binding and the next publication surely has it.
 */
@EnableKubernetesMockClient(crud = true)
@Timeout(120)
class BindingRaceTest {

    private static final Duration CONVERGE = Duration.ofSeconds(30);
    private static final List<String> OFFERED = List.of("n1", "n2", "n3");

    KubernetesClient client;
    private final HeldState held = new HeldState();

    @AfterEach
    void letGo() {
        held.release.countDown();
    }

    @Test
    void aClaimBoundJustBeforeTheRequestIsPlacedWithItsLocality() {
        cluster("longhorn", "Immediate");
        client.resource(claim("default", "data", null)).create();
        try (LiveClusterState live = LiveClusterState.start(client);
             RunningLocus locus = new RunningLocus(LocusConfig.builder(), held.over(live))) {
            await().atMost(CONVERGE).until(() -> live.ready() && live.current().claim(DATA) != null);
            held.holdNextPublication();
            client.resource(new StorageClassBuilder().withNewMetadata().withName("unrelated").endMetadata()
                    .withProvisioner("example.com/none").withVolumeBindingMode("Immediate").build()).create();
            await().atMost(CONVERGE).untilTrue(held.holding);
            client.persistentVolumeClaims().inNamespace("default").withName("data")
                    .edit(c -> {
                        c.getSpec().setVolumeName("pv-lh");
                        c.getMetadata().getAnnotations().put("pv.kubernetes.io/bind-completed", "yes");
                        return c;
                    });
            await().atMost(CONVERGE).until(live::pending); // the informer has the binding; no snapshot has
            held.releaseOnNextRead();

            assertEquals(List.of(500L, 0L, 0L), points(locus, "data"), "the replica's node is preferred");
            assertEquals(1.0, waits(locus, "caught_up"));
            assertEquals(0.0, waits(locus, "gave_up"));
        }
    }

    @Test
    void anUnboundWaitForFirstConsumerClaimDoesNotWait() {
        cluster("longhorn", "WaitForFirstConsumer");
        client.resource(claim("default", "data", null)).create();
        try (LiveClusterState live = LiveClusterState.start(client);
             RunningLocus locus = new RunningLocus(LocusConfig.builder(), live)) {
            await().atMost(CONVERGE).until(() -> live.ready() && live.current().claim(DATA) != null);
            assertEquals(List.of(500L, 500L, 500L), points(locus, "data"), "nothing bound yet: neutral scores");
            assertEquals(0.0, waits(locus, "caught_up"));
            assertEquals(0.0, waits(locus, "gave_up"));
        }
    }

    @Test
    void aClaimThatNeverAppearsIsWaitedForThenAnswered() {
        cluster("longhorn", "Immediate");
        try (LiveClusterState live = LiveClusterState.start(client);
             RunningLocus locus = new RunningLocus(LocusConfig.builder(), live)) {
            await().atMost(CONVERGE).until(live::ready);
            assertEquals(List.of(500L, 500L, 500L), points(locus, "ghost"), "answered, with neutral scores");
            assertEquals(0.0, waits(locus, "caught_up"));
            assertEquals(1.0, waits(locus, "gave_up"));
        }
    }

    private static final ObjectKey DATA = new ObjectKey("default", "data");

    /** Three nodes in three zones, a Longhorn volume with its one replica on n1, a class of that binding mode. */
    private void cluster(String className, String bindingMode) {
        client.apiextensions().v1().customResourceDefinitions().resource(replicaCrd()).create();
        client.resource(node("n1", "zone-a")).create();
        client.resource(node("n2", "zone-b")).create();
        client.resource(node("n3", "zone-c")).create();
        client.resource(new StorageClassBuilder(storageClass(className)).withVolumeBindingMode(bindingMode).build())
                .create();
        client.resource(longhornVolume("pv-lh", "vol-a")).create();
        client.genericKubernetesResources(REPLICAS).inNamespace(LONGHORN_NAMESPACE)
                .resource(replica("r1", "vol-a", "n1", "running", "")).create();
    }

    private static List<Long> points(RunningLocus locus, String claimName) {
        byte[] request = ("{\"Pod\":{\"metadata\":{\"name\":\"db-0\",\"namespace\":\"default\"},"
                + "\"spec\":{\"volumes\":[{\"name\":\"d\",\"persistentVolumeClaim\":{\"claimName\":\"" + claimName
                + "\"}}]}},\"Nodes\":null,\"NodeNames\":[\"n1\",\"n2\",\"n3\"]}").getBytes(StandardCharsets.UTF_8);
        Map<String, Long> points = locus.client().prioritize(request, OFFERED);
        return OFFERED.stream().map(points::get).toList();
    }

    private static double waits(RunningLocus locus, String outcome) {
        return locus.registry().get("locus.snapshot.waits").tag("outcome", outcome).counter().count();
    }

    /**
     * The live state as Locus sees it, with a hold on publishing: armed, the next publication's
     * listener keeps the state thread (so nothing newer is published) until the next
     * {@link #current()} read, which takes the snapshot first and then lets the thread go.
     */
    private static final class HeldState {
        final AtomicBoolean holding = new AtomicBoolean();
        final CountDownLatch release = new CountDownLatch(1);
        private final AtomicBoolean armed = new AtomicBoolean();
        private final AtomicBoolean releaseOnRead = new AtomicBoolean();

        void holdNextPublication() {
            armed.set(true);
        }

        void releaseOnNextRead() {
            releaseOnRead.set(true);
        }

        ClusterState over(LiveClusterState live) {
            live.addListener(change -> {
                if (armed.compareAndSet(true, false)) {
                    holding.set(true);
                    try {
                        release.await(60, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            return new ClusterState() {
                @Override
                public ClusterSnapshot current() {
                    ClusterSnapshot snapshot = live.current();
                    if (releaseOnRead.compareAndSet(true, false)) {
                        assertNull(snapshot.claim(DATA).volumeName(), "read while the binding is held back");
                        release.countDown();
                    }
                    return snapshot;
                }

                @Override
                public boolean ready() {
                    return live.ready();
                }

                @Override
                public boolean live() {
                    return live.live();
                }

                @Override
                public void addListener(Consumer<SnapshotChange> listener) {
                    live.addListener(listener);
                }

                @Override
                public List<KindStatus> kinds() {
                    return live.kinds();
                }
            };
        }
    }
}
