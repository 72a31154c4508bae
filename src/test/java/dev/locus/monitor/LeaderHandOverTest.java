package dev.locus.monitor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ClusterState;
import dev.locus.cluster.KindStatus;
import dev.locus.config.LocalityPolicy;
import dev.locus.config.LocusConfig;
import dev.locus.config.MonitorSettings;
import dev.locus.placement.PolicyResolver;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two replicas' monitors on one mock API server (CRUD mode, which stores the Lease): exactly
 * one leads and acts; when it stops, the other takes over and acts.
 */
class LeaderHandOverTest {

    private static final Leadership.Timing FAST = new Leadership.Timing(Duration.ofSeconds(2), Duration.ofMillis(1500),
            Duration.ofMillis(200));

    private EvictingMockServer api;
    private KubernetesClient clientA;
    private KubernetesClient clientB;
    private HealthMonitor a;
    private HealthMonitor b;
    private final World world = new World().nodes("n1", "n2", "n3");

    @BeforeEach
    void start() {
        api = new EvictingMockServer();
        clientA = api.client();
        clientB = api.client();
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {a, b, clientA, clientB, api}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception ignored) {
                // best effort
            }
        }
    }

    private HealthMonitor monitor(KubernetesClient client, String identity, ClusterState cluster) {
        MonitorSettings settings = LocusConfig.builder().monitor(m -> m.enabled(true).intervalSeconds(1)
                .grace(MonitorSettings.GRACE_STORAGE_DOWN, 0)).build().monitor();
        HealthMonitor monitor = new HealthMonitor(client, settings, cluster, World.index(),
                new PolicyResolver(LocalityPolicy.PREFERRED), new SimpleMeterRegistry(), Clock.systemUTC(), identity,
                FAST);
        monitor.begin();
        return monitor;
    }

    @Test
    void exactlyOneReplicaActsAndTheOtherTakesOverWhenItStops() {
        world.volume("data-db-0", "n1", "n2", "n3").volume("data-db-1", "n1", "n2", "n3");
        ClusterSnapshot healthy = world.snapshot();
        ClusterState cluster = new FixedState(healthy);
        a = monitor(clientA, "replica-a", cluster);
        await().atMost(10, TimeUnit.SECONDS).until(a::leading);
        b = monitor(clientB, "replica-b", cluster);
        await().atMost(5, TimeUnit.SECONDS).until(() -> "replica-a".equals(leaseHolder()));
        // b stays a stand-by across several renewals
        await().during(Duration.ofSeconds(3)).atMost(5, TimeUnit.SECONDS).until(() -> a.leading() && !b.leading());

        clientA.resource(World.apiPod("db-0", "n1", true, "data-db-0")).create();
        ((FixedState) cluster).set(world.storageDown("n1").snapshot());
        await().atMost(10, TimeUnit.SECONDS).until(() -> api.evicted().contains("apps/db-0"));
        assertFalse(b.leading());

        a.close();
        await().atMost(10, TimeUnit.SECONDS).until(b::leading);
        assertEquals("replica-b", leaseHolder());
        clientB.resource(World.apiPod("db-1", "n1", true, "data-db-1")).create();
        await().atMost(10, TimeUnit.SECONDS).until(() -> api.evicted().contains("apps/db-1"));
        assertEquals(List.of("apps/db-0", "apps/db-1"), api.evicted(), "each pod evicted once, by one leader");
        assertTrue(b.reportJson().replace(" ", "").contains("\"leader\":true"), b.reportJson());
    }

    @Test
    void aLeaderWithAStaleViewOfTheClusterDoesNothing() throws Exception {
        world.volume("data-db-0", "n1", "n2", "n3");
        clientA.resource(World.apiPod("db-0", "n1", true, "data-db-0")).create();
        FixedState cluster = new FixedState(world.storageDown("n1").snapshot());
        cluster.stale = 31;
        a = monitor(clientA, "replica-a", cluster);
        await().atMost(10, TimeUnit.SECONDS).until(a::podsSynced);
        // a pass a second: none may act on a view 31 s old
        await().during(Duration.ofSeconds(3)).atMost(5, TimeUnit.SECONDS).until(() -> api.evicted().isEmpty());
        assertEquals(null, a.passNow().get(5, TimeUnit.SECONDS), "no pass ran");
        cluster.stale = 29;
        await().atMost(10, TimeUnit.SECONDS).until(() -> api.evicted().contains("apps/db-0"));
    }

    private String leaseHolder() {
        Lease lease = clientA.leases().inNamespace("locus-system").withName("locus-monitor").get();
        return lease == null ? null : lease.getSpec().getHolderIdentity();
    }

    /** A cluster state whose snapshot the test swaps. */
    static final class FixedState implements ClusterState {
        private volatile ClusterSnapshot snapshot;
        /** Age of the Node kind's view, seconds. */
        volatile double stale;

        FixedState(ClusterSnapshot snapshot) {
            this.snapshot = snapshot;
        }

        void set(ClusterSnapshot value) {
            snapshot = value;
        }

        @Override
        public ClusterSnapshot current() {
            return snapshot;
        }

        @Override
        public boolean ready() {
            return true;
        }

        @Override
        public List<KindStatus> kinds() {
            return List.of(new KindStatus("Node", true, stale == 0, stale, 0, 0));
        }
    }
}
