package dev.locus.monitor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The monitor's pod informers against the mock API server in CRUD mode. The CRUD dispatcher
 * answers field selectors other than metadata.name/namespace with every object (it logs
 * "Ignoring unsupported field requirement"), so what the API server is asked is checked on the
 * recorded requests, and what the monitor sees on the pods it hands out.
 */
class MonitorPodsTest {

    private static final Duration CONVERGE = Duration.ofSeconds(20);

    private EvictingMockServer api;
    private KubernetesClient client;

    @BeforeEach
    void start() {
        api = new EvictingMockServer();
        client = api.client();
        client.resource(pod("db-0", "locus-scheduler")).create();
        client.resource(pod("db-1", "locus-batch")).create();
        client.resource(pod("web-0", "default-scheduler")).create();
        client.resource(pod("web-1", null)).create();
    }

    @AfterEach
    void stop() {
        client.close();
        api.close();
    }

    private static Pod pod(String name, String scheduler) {
        Pod pod = World.apiPod(name, "n1", true);
        pod.getSpec().setSchedulerName(scheduler);
        return pod;
    }

    /** Decoded paths of the pod list and watch requests sent so far. */
    private List<String> podRequests() {
        return api.requests().stream().map(r -> URLDecoder.decode(r, StandardCharsets.UTF_8))
                .filter(r -> r.startsWith("GET /api/v1/pods")).toList();
    }

    private static Set<String> names(MonitorPods pods) {
        return pods.pods().stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
    }

    @Test
    void listsAndWatchesOnlyThePodsOfEachSchedulerNameServerSide() {
        try (MonitorPods pods = MonitorPods.bySchedulerName(client, List.of("locus-scheduler", "locus-batch"))) {
            await().atMost(CONVERGE).until(() -> pods.synced() && podRequests().stream()
                    .filter(r -> r.contains("watch=true")).count() == 2);
            for (String name : List.of("locus-scheduler", "locus-batch")) {
                String selector = "fieldSelector=spec.schedulerName=" + name;
                assertTrue(podRequests().stream().anyMatch(r -> r.contains(selector) && !r.contains("watch=true")),
                        "a list with " + selector + ": " + podRequests());
                assertTrue(podRequests().stream().anyMatch(r -> r.contains(selector) && r.contains("watch=true")),
                        "a watch with " + selector + ": " + podRequests());
            }
            assertTrue(podRequests().stream().allMatch(r -> r.contains("fieldSelector=spec.schedulerName=")),
                    "no request for every pod: " + podRequests());
            assertEquals(List.of("db-0", "db-1"), pods.pods().stream().map(p -> p.getMetadata().getName()).sorted()
                    .toList(), "each of Locus's pods once, no other pod");

            client.resource(pod("db-2", "locus-scheduler")).create();
            await().atMost(CONVERGE).until(() -> names(pods).equals(Set.of("db-0", "db-1", "db-2")));
        }
    }

    @Test
    void aSchedulerNameListedTwiceIsWatchedOnce() {
        try (MonitorPods pods = MonitorPods.bySchedulerName(client, List.of("locus-scheduler", "locus-scheduler"))) {
            await().atMost(CONVERGE).until(() -> pods.synced()
                    && podRequests().stream().anyMatch(r -> r.contains("watch=true")));
            assertEquals(List.of("db-0"), pods.pods().stream().map(p -> p.getMetadata().getName()).toList());
            client.resource(pod("db-2", "locus-scheduler")).create();
            await().atMost(CONVERGE).until(() -> names(pods).contains("db-2"));
            assertEquals(1, podRequests().stream().filter(r -> r.contains("watch=true")).count());
        }
    }

    @Test
    void rebalancingWatchesEveryPodBecauseTheRoomCheckCountsThemAll() {
        try (MonitorPods pods = MonitorPods.start(client, List.of("locus-scheduler"), true)) {
            await().atMost(CONVERGE).until(() -> pods.synced()
                    && podRequests().stream().anyMatch(r -> r.contains("watch=true")));
            assertEquals(Set.of("db-0", "db-1", "web-0", "web-1"), names(pods));
            assertTrue(podRequests().stream().noneMatch(r -> r.contains("fieldSelector")), podRequests().toString());
            // and the watch delivers (also: the informer is not stopped mid-handshake, which leaves the mock hanging)
            client.resource(pod("web-2", "default-scheduler")).create();
            await().atMost(CONVERGE).until(() -> names(pods).contains("web-2"));
        }
    }
}
