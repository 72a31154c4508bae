package dev.locus.monitor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.cluster.live.LiveClusterState;
import dev.locus.config.LocusConfig;
import dev.locus.config.MonitorSettings;
import dev.locus.testing.Fixtures;
import dev.locus.testing.RunningLocus;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The monitor wired into a running Locus: live mode against the mock API server, a node whose
 * storage goes down, the eviction, and {@code GET /monitor} and {@code /metrics} telling it.
 */
class MonitorEndpointTest {

    @Test
    void offOutsideLiveModeAndSaysSo() {
        LocusConfig.Builder config = LocusConfig.builder().port(0).monitor(m -> m.enabled(true));
        try (RunningLocus locus = new RunningLocus(config, Fixtures.cluster())) {
            var reply = locus.client().get("monitor");
            assertEquals(200, reply.statusCode());
            assertTrue(reply.body().replace(" ", "").contains("\"enabled\":false"), reply.body());
        }
    }

    @Test
    void liveLocusEvictsThePodAndShowsItsDecision() {
        try (EvictingMockServer api = new EvictingMockServer(); KubernetesClient client = api.client()) {
            for (String node : new String[] {"n1", "n2", "n3"}) {
                client.resource(new NodeBuilder().withNewMetadata().withName(node)
                        .addToLabels("kubernetes.io/hostname", node).endMetadata().build()).create();
            }
            client.resource(new PersistentVolumeBuilder().withNewMetadata().withName("pv-data-0")
                    .addToAnnotations("locus.dev/replica-nodes", "n1,n2,n3").endMetadata().withNewSpec()
                    .addToCapacity("storage", new Quantity("1Gi")).withNewCsi().withDriver("driver.test")
                    .withVolumeHandle("pv-data-0").endCsi().endSpec().build()).create();
            client.resource(new PersistentVolumeClaimBuilder().withNewMetadata().withNamespace(World.NS)
                    .withName("data-0").endMetadata().withNewSpec().withVolumeName("pv-data-0").endSpec().build()).create();
            client.resource(World.apiPod("db-0", "n1", true, "data-0")).create();
            LocusConfig.Builder config = LocusConfig.builder().port(0).monitor(m -> m.enabled(true).intervalSeconds(1)
                    .grace(MonitorSettings.GRACE_STORAGE_DOWN, 0));
            try (LiveClusterState live = LiveClusterState.start(client);
                 RunningLocus locus = new RunningLocus(config, live)) {
                await().atMost(30, TimeUnit.SECONDS).until(() -> locus.client().get("monitor").body()
                        .replace(" ", "").contains("\"leader\":true"));
                assertEquals("[]", decisions(locus.client().get("monitor").body()), "nothing to do while healthy");

                client.nodes().withName("n1").edit(n -> new NodeBuilder(n).editMetadata()
                        .addToAnnotations("locus.dev/storage-state", "down").endMetadata().build());
                await().atMost(30, TimeUnit.SECONDS).until(() -> api.evicted().contains("apps/db-0"));
                String metrics = locus.client().get("metrics").body();
                assertTrue(metrics.contains("locus_monitor_evictions_total{dry_run=\"false\",reason=\"storage-failed\"} 1.0"),
                        metrics);
                assertTrue(metrics.contains("locus_monitor_leader 1.0"), metrics);
                assertEquals(java.util.List.of("apps/db-0"), api.evicted());
            }
        }
    }

    private static String decisions(String body) {
        String flat = body.replaceAll("\\s", "");
        return flat.substring(flat.indexOf("\"decisions\":") + 12).replaceAll("}$", "");
    }
}
