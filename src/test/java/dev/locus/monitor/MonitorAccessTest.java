package dev.locus.monitor;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.config.LocalityPolicy;
import dev.locus.config.LocusConfig;
import dev.locus.config.MonitorSettings;
import dev.locus.placement.PolicyResolver;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The RBAC list is derived from what the code does: a monitor runs through a whole term of
 * leadership (Lease, pod informer, an eviction, events for a pod it must not move, hand-back),
 * every request it sends is recorded, and each must be covered by {@link MonitorAccess#ALL};
 * each entry of the list must have been used. An API call added without its permission, or a
 * permission left behind, fails here.
 */
class MonitorAccessTest {

    private static final Pattern CORE = Pattern.compile("/api/v1/(?:namespaces/[^/]+/)?([a-z]+)(/[^/?]+)?(/[a-z]+)?(\\?.*)?");
    private static final Pattern GROUP =
            Pattern.compile("/apis/([^/]+)/[^/]+/(?:namespaces/[^/]+/)?([a-z]+)(/[^/?]+)?(/[a-z]+)?(\\?.*)?");

    @Test
    void everyRequestTheMonitorSendsIsGrantedAndEveryGrantIsUsed() throws Exception {
        World world = new World().nodes("n1", "n2", "n3").volume("data-db-0", "n1", "n2").volume("data-solo", "n1", "n2")
                .storageDown("n1");
        try (EvictingMockServer api = new EvictingMockServer(); KubernetesClient setup = api.client();
             KubernetesClient client = api.client()) {
            setup.resource(World.apiPod("db-0", "n1", true, "data-db-0")).create();
            setup.resource(World.apiPod("solo", "n1", false, "data-solo")).create();
            int before = api.requests().size();
            MonitorSettings settings = LocusConfig.builder().monitor(m -> m.enabled(true).intervalSeconds(1)
                    .grace(MonitorSettings.GRACE_STORAGE_DOWN, 0)).build().monitor();
            HealthMonitor monitor = new HealthMonitor(client, settings, new LeaderHandOverTest.FixedState(world.snapshot()),
                    World.index(), new PolicyResolver(LocalityPolicy.PREFERRED), new SimpleMeterRegistry(),
                    Clock.systemUTC(), "replica-a", new Leadership.Timing(Duration.ofSeconds(2), Duration.ofMillis(1500),
                    Duration.ofMillis(200)));
            monitor.begin();
            await().atMost(10, TimeUnit.SECONDS).until(() -> api.evicted().contains("apps/db-0")
                    && api.requests().stream().anyMatch(r -> r.contains("/events")));
            await().atMost(5, TimeUnit.SECONDS).until(() -> api.requests().stream().filter(r -> r.contains("/leases"))
                    .anyMatch(r -> r.startsWith("PUT") || r.startsWith("PATCH")));
            monitor.close();

            Set<String> used = new TreeSet<>();
            for (String request : api.requests().subList(before, api.requests().size())) {
                String permission = permission(request);
                assertTrue(granted(permission), request + " needs " + permission + ", not in MonitorAccess.ALL");
                used.add(permission);
            }
            Set<String> listed = new TreeSet<>();
            MonitorAccess.ALL.forEach(p -> p.verbs().forEach(v -> listed.add(p.group() + "/" + p.resource() + ":" + v)));
            assertEquals(listed, used, "every permission in MonitorAccess.ALL is used by the monitor");
            List<String> podReads = api.requests().stream().filter(r -> r.startsWith("GET /api/v1/pods")).toList();
            assertTrue(!podReads.isEmpty() && podReads.stream()
                    .allMatch(r -> r.contains("fieldSelector=spec.schedulerName%3Dlocus-scheduler")),
                    "the pod informer asks for Locus's pods only: " + podReads);
        }
    }

    private static boolean granted(String permission) {
        return MonitorAccess.ALL.stream().anyMatch(p -> p.verbs().stream()
                .anyMatch(v -> permission.equals(p.group() + "/" + p.resource() + ":" + v)));
    }

    /** "group/resource[/subresource]:verb" of a request, as RBAC sees it. */
    static String permission(String request) {
        String method = request.substring(0, request.indexOf(' '));
        String path = request.substring(request.indexOf(' ') + 1);
        Matcher core = CORE.matcher(path);
        Matcher group = GROUP.matcher(path);
        String apiGroup;
        int offset;
        Matcher m;
        if (core.matches()) {
            apiGroup = "";
            offset = 0;
            m = core;
        } else if (group.matches()) {
            apiGroup = group.group(1);
            offset = 1;
            m = group;
        } else {
            return "unknown path " + path;
        }
        String resource = m.group(1 + offset) + (m.group(3 + offset) == null ? "" : m.group(3 + offset));
        boolean named = m.group(2 + offset) != null;
        String query = m.group(4 + offset) == null ? "" : m.group(4 + offset);
        String verb = switch (method) {
            case "GET" -> named ? "get" : query.contains("watch=true") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> named ? "delete" : "deletecollection";
            default -> method;
        };
        return apiGroup + "/" + resource + ":" + verb;
    }

    @Test
    void mapsRequestsToPermissions() {
        assertEquals(List.of("/pods:list", "/pods:watch", "/pods/eviction:create", "/events:create",
                        "coordination.k8s.io/leases:get", "coordination.k8s.io/leases:create",
                        "coordination.k8s.io/leases:patch"),
                List.of(permission("GET /api/v1/pods?limit=500"),
                        permission("GET /api/v1/pods?allowWatchBookmarks=true&resourceVersion=1&watch=true"),
                        permission("POST /api/v1/namespaces/apps/pods/db-0/eviction"),
                        permission("POST /api/v1/namespaces/default/events"),
                        permission("GET /apis/coordination.k8s.io/v1/namespaces/locus-system/leases/locus-monitor"),
                        permission("POST /apis/coordination.k8s.io/v1/namespaces/locus-system/leases"),
                        permission("PATCH /apis/coordination.k8s.io/v1/namespaces/locus-system/leases/locus-monitor")));
    }
}
