package dev.locus.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locus.cluster.ObjectKey;
import dev.locus.config.LocusConfig;
import dev.locus.config.MonitorSettings;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A PodDisruptionBudget refusing an eviction (429). fabric8's mock server in CRUD mode has no
 * eviction subresource, let alone PDBs, so this one case runs in expectations mode, where the
 * API server's answers are scripted: 429 twice, then 201. The evictor's client does not retry
 * (fabric8 would retry a 429 by itself); with the default client the first call used up all three answers.
 */
@EnableKubernetesMockClient
class PdbRefusalTest {

    private static final String EVICTION = "/api/v1/namespaces/apps/pods/db-0/eviction";
    private static final String TOO_MANY = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
            + "\"message\":\"Cannot evict pod as it would violate the pod's disruption budget.\","
            + "\"reason\":\"TooManyRequests\",\"code\":429}";

    KubernetesMockServer server;
    KubernetesClient client;

    @Test
    void aRefusedPodBacksOffAndIsTriedAgainLater() throws InterruptedException {
        server.expect().post().withPath(EVICTION).andReturn(429, TOO_MANY).times(2);
        server.expect().post().withPath(EVICTION).andReturn(201, "{\"kind\":\"Status\",\"status\":\"Success\"}").once();
        server.expect().post().withPath("/api/v1/namespaces/apps/events").andReturn(201, "{}").always();
        MonitorSettings settings = LocusConfig.builder().monitor(m -> m.refusalBackoffSeconds(30)).build().monitor();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MutableClock clock = new MutableClock();
        KubernetesClient noRetries = PodEvictor.withoutRetries(client);
        PodEvictor evictor = new PodEvictor(noRetries, false, new EvictionBudget(settings),
                new EventRecorder(client, "test", clock), new MonitorMetrics(registry));
        Decision proposal = new Decision(new ObjectKey("apps", "db-0"), "uid-db-0", "n1", Decision.Verdict.EVICT,
                MonitorReasons.STORAGE_FAILED, "storage on n1 failed", List.of("storage-down"), Set.of("n2"), null);

        assertEquals(PodEvictor.Outcome.REFUSED, evictor.evict(proposal, clock.instant()));
        int asked = server.getRequestCount();
        clock.advance(Duration.ofSeconds(29));
        assertEquals(PodEvictor.Outcome.BACKING_OFF, evictor.evict(proposal, clock.instant()));
        assertEquals(asked, server.getRequestCount(), "no request while backing off");

        clock.advance(Duration.ofSeconds(1));
        assertEquals(PodEvictor.Outcome.REFUSED, evictor.evict(proposal, clock.instant()));
        clock.advance(Duration.ofSeconds(59));
        assertEquals(PodEvictor.Outcome.BACKING_OFF, evictor.evict(proposal, clock.instant()), "second wait: 60 s");
        clock.advance(Duration.ofSeconds(1));
        assertEquals(PodEvictor.Outcome.EVICTED, evictor.evict(proposal, clock.instant()));
        assertEquals(2.0, registry.find("locus.monitor.refusals").counter().count());
        assertEquals(1.0, registry.find("locus.monitor.evictions").tags("reason", MonitorReasons.STORAGE_FAILED,
                "dry_run", "false").counter().count());
        assertEquals(3, evictionRequests(), "three eviction requests: no retries behind the evictor's back");
        noRetries.close();
    }

    private int evictionRequests() throws InterruptedException {
        int count = 0;
        for (var r = server.takeRequest(0, TimeUnit.SECONDS); r != null; r = server.takeRequest(0, TimeUnit.SECONDS)) {
            count += EVICTION.equals(r.getPath()) ? 1 : 0;
        }
        return count;
    }
}
