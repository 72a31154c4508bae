package dev.locus.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.cluster.ObjectKey;
import dev.locus.config.LocalityPolicy;
import dev.locus.config.LocusConfig;
import dev.locus.config.MonitorSettings;
import dev.locus.config.MonitorSettingsEditor;
import dev.locus.placement.PolicyResolver;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole passes against fabric8's mock API server in CRUD mode (with the eviction subresource,
 * {@link EvictingMockServer}) and a clock the test moves: grace, budgets, dry-run, pods that
 * must not move, events and metrics.
 */
class MonitorPassTest {

    private EvictingMockServer api;
    private KubernetesClient client;
    private final MutableClock clock = new MutableClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final World world = new World().nodes("n1", "n2", "n3");

    @BeforeEach
    void start() {
        api = new EvictingMockServer();
        client = api.client();
    }

    @AfterEach
    void stop() {
        client.close();
        api.close();
    }

    private MonitorPass pass(Consumer<MonitorSettingsEditor> settings) {
        MonitorSettings s = LocusConfig.builder().monitor(m -> settings.accept(m.enabled(true)
                .grace(MonitorSettings.GRACE_STORAGE_DOWN, 60))).build().monitor();
        MonitorMetrics metrics = new MonitorMetrics(registry);
        EvictionBudget budget = new EvictionBudget(s);
        EventRecorder events = new EventRecorder(client, "test-replica", clock);
        return new MonitorPass(s, new Planner(World.index(), new PolicyResolver(LocalityPolicy.PREFERRED)),
                new PodEvictor(client, s.dryRun(), budget, events, metrics), budget, events, metrics);
    }

    private MonitorReport run(MonitorPass pass) {
        List<PodFacts> pods = client.pods().inAnyNamespace().list().getItems().stream().map(PodFacts::of).toList();
        return pass.run(world.snapshot(), pods, clock.instant());
    }

    private void pods(String node, String... names) {
        for (String name : names) {
            world.volume("data-" + name, node, "n2", "n3");
            client.resource(World.apiPod(name, node, true, "data-" + name)).create();
        }
    }

    private List<Event> events(String namespace) {
        return client.v1().events().inNamespace(namespace).list().getItems();
    }

    private double counter(String name, String... tags) {
        var counter = registry.find(name).tags(tags).counter();
        assertNotNull(counter, name + " " + List.of(tags));
        return counter.count();
    }

    @Test
    void evictsOnlyThePodOnFailedStorageOnceItsGraceHasPassedAndSaysSoOnPodAndNode() {
        pods("n1", "db-0");
        world.volume("data-db-1", "n2", "n3");
        client.resource(World.apiPod("db-1", "n2", true, "data-db-1")).create();
        world.storageDown("n1");
        MonitorPass pass = pass(m -> { });

        MonitorReport first = run(pass);
        assertEquals(MonitorReasons.IN_GRACE, first.decisions().get(0).reason());
        clock.advance(Duration.ofSeconds(59));
        run(pass);
        assertEquals(List.of(), api.evicted(), "nothing before the grace period is over");

        clock.advance(Duration.ofSeconds(1));
        MonitorReport report = run(pass);
        assertEquals(List.of("apps/db-0"), api.evicted());
        assertEquals(PodEvictor.Outcome.EVICTED, report.decisions(Decision.Verdict.EVICT).get(0).outcome());
        assertEquals(1.0, counter("locus.monitor.evictions", "reason", MonitorReasons.STORAGE_FAILED, "dry_run", "false"));

        Event onPod = events(World.NS).stream().filter(e -> e.getInvolvedObject().getKind().equals("Pod")).findFirst()
                .orElseThrow();
        assertEquals(EventRecorder.EVICTED, onPod.getReason());
        assertEquals("db-0", onPod.getInvolvedObject().getName());
        assertTrue(onPod.getMessage().contains("storage-down") && onPod.getMessage().contains("[n2, n3]"),
                onPod.getMessage());
        Event onNode = events("default").get(0);
        assertEquals("n1", onNode.getInvolvedObject().getName());
        assertTrue(onNode.getMessage().contains("apps/db-0") && onNode.getMessage().contains("[n2, n3]"),
                onNode.getMessage());
    }

    @Test
    void evictsThePodOnANodeLonghornReportsNotReadyTowardsItsOtherReplica() {
        world.longhornVolume("data-db-0", Map.of("n1", true, "n2", true));
        client.resource(World.apiPod("db-0", "n1", true, "data-db-0")).create();
        world.longhornVolume("data-db-1", Map.of("n1", true, "n2", true));
        client.resource(World.apiPod("db-1", "n2", true, "data-db-1")).create();
        world.longhornNode("n1", false, "ManagerPodDown", false).longhornNode("n2", true, "", false);
        MonitorPass pass = pass(m -> { });

        assertEquals(MonitorReasons.IN_GRACE, run(pass).decisions().get(0).reason());
        clock.advance(Duration.ofSeconds(119));
        run(pass);
        assertEquals(List.of(), api.evicted(), "nothing before longhornNodeDownSeconds (120 by default)");

        clock.advance(Duration.ofSeconds(1));
        MonitorReport report = run(pass);
        assertEquals(List.of("apps/db-0"), api.evicted(), "only the pod on the node Longhorn reports down");
        Decision evicted = report.decisions(Decision.Verdict.EVICT).get(0);
        assertEquals(java.util.Set.of("n2"), evicted.replicaNodes(),
                "the replica on the failed node does not count as healthy");
        assertTrue(evicted.message().contains("longhorn-node-down (ManagerPodDown)"), evicted.message());
    }

    @Test
    void aFailureThatRecoversWithinItsGraceEvictsNothing() {
        pods("n1", "db-0");
        world.storageDown("n1");
        MonitorPass pass = pass(m -> { });
        run(pass);
        clock.advance(Duration.ofSeconds(30));
        world.storageUp("n1");
        run(pass);
        clock.advance(Duration.ofSeconds(30));
        world.storageDown("n1");
        run(pass);
        clock.advance(Duration.ofSeconds(59));
        assertEquals(MonitorReasons.IN_GRACE, run(pass).decisions().get(0).reason());
        assertEquals(List.of(), api.evicted());
    }

    @Test
    void dryRunDecidesTheSameButEvictsAndWritesNothing() {
        pods("n1", "db-0");
        world.storageDown("n1");
        MonitorPass pass = pass(m -> m.dryRun(true).grace(MonitorSettings.GRACE_STORAGE_DOWN, 0));
        int setup = api.requests().size();
        MonitorReport report = run(pass);
        run(pass);
        assertEquals(PodEvictor.Outcome.WOULD_EVICT, report.decisions().get(0).outcome());
        assertEquals(List.of(), api.evicted());
        assertEquals(List.of(), events(World.NS));
        assertEquals(List.of(), events("default"));
        assertEquals(1.0, counter("locus.monitor.evictions", "reason", MonitorReasons.STORAGE_FAILED, "dry_run", "true"),
                "counted once per pod, not once per pass");
        List<String> byMonitor = api.requests().subList(setup, api.requests().size());
        assertTrue(byMonitor.stream().allMatch(r -> r.startsWith("GET")), byMonitor.toString());
    }

    @Test
    void budgetsSpreadAStormOverMinutes() {
        pods("n1", "a", "b", "c");
        pods("n2", "d", "e");
        world.storageDown("n1").storageDown("n2");
        for (String p : List.of("d", "e")) {
            world.volume("data-" + p, "n2", "n3");
        }
        MonitorPass pass = pass(m -> m.grace(MonitorSettings.GRACE_STORAGE_DOWN, 0).maxEvictionsPerMinute(3)
                .maxEvictionsPerNodePerMinute(2));
        MonitorReport first = run(pass);
        assertEquals(List.of("apps/a", "apps/b", "apps/d"), api.evicted(), "2 from n1, then the cluster budget of 3");
        Map<String, PodEvictor.Outcome> outcomes = first.decisions().stream()
                .collect(Collectors.toMap(d -> d.pod().name(), Decision::outcome));
        assertEquals(PodEvictor.Outcome.NODE_BUDGET, outcomes.get("c"));
        assertEquals(PodEvictor.Outcome.CLUSTER_BUDGET, outcomes.get("e"));
        assertEquals(1, registry.find("locus.monitor.skipped.pods").tag("reason", "node-budget").gauge().value());

        clock.advance(Duration.ofSeconds(59));
        run(pass);
        assertEquals(3, api.evicted().size(), "still within the minute");
        clock.advance(Duration.ofSeconds(1));
        run(pass);
        assertEquals(List.of("apps/a", "apps/b", "apps/d", "apps/c", "apps/e"), api.evicted());
    }

    @Test
    void podsThatMustNotMoveAreReportedOnceAndNeverEvicted() {
        world.volume("data-solo", "n1", "n2").volume("data-single", LocalityPolicy.STRICT, "n1");
        client.resource(World.apiPod("solo", "n1", false, "data-solo")).create();
        client.resource(World.apiPod("single", "n1", true, "data-single")).create();
        world.storageDown("n1");
        MonitorPass pass = pass(m -> m.grace(MonitorSettings.GRACE_STORAGE_DOWN, 0));
        MonitorReport report = run(pass);
        run(pass);
        assertEquals(List.of(), api.evicted());
        Map<String, String> reasons = report.decisions().stream().collect(Collectors.toMap(d -> d.pod().name(),
                Decision::reason));
        assertEquals(Map.of("solo", MonitorReasons.BARE_POD, "single", MonitorReasons.NO_HEALTHY_COPY), reasons);
        Map<String, Long> events = events(World.NS).stream().filter(e -> e.getReason().equals(EventRecorder.NOT_EVICTED))
                .collect(Collectors.groupingBy(e -> e.getInvolvedObject().getName(), Collectors.counting()));
        assertEquals(Map.of("solo", 1L, "single", 1L), events, "one event per pod, not one per pass");
        assertEquals(1.0, counter("locus.monitor.skips", "reason", MonitorReasons.NO_HEALTHY_COPY));
    }

    @Test
    void aDecisionAboutAPodNeverEvictsTheNewPodOfTheSameName() {
        pods("n1", "db-0");
        PodFacts old = PodFacts.of(client.pods().inNamespace(World.NS).withName("db-0").get());
        Decision stale = new Decision(new ObjectKey(World.NS, "db-0"), "uid-of-the-previous-db-0", "n1",
                Decision.Verdict.EVICT, MonitorReasons.STORAGE_FAILED, "stale", List.of(), java.util.Set.of(), null);
        MonitorSettings s = MonitorSettings.DEFAULTS;
        PodEvictor evictor = new PodEvictor(client, false, new EvictionBudget(s),
                new EventRecorder(client, "test", clock), new MonitorMetrics(registry));
        assertEquals(PodEvictor.Outcome.GONE, evictor.evict(stale, clock.instant()));
        assertNotNull(client.pods().inNamespace(World.NS).withName("db-0").get());
        assertEquals(PodEvictor.Outcome.EVICTED, evictor.evict(new Decision(old.key(), old.uid(), "n1",
                Decision.Verdict.EVICT, MonitorReasons.STORAGE_FAILED, "now", List.of(), java.util.Set.of(), null),
                clock.instant()));
    }

    @Test
    void driftIsReportedAndOnlyRebalancedWhenAskedAndAReplicaNodeHasRoom() {
        world.volume("data-away", "n2", "n3");
        client.resource(World.apiPod("away", "n1", true, "data-away")).create();
        MonitorReport report = run(pass(m -> { }));
        assertEquals(List.of("DRIFT drifted"), report.decisions().stream().map(d -> d.verdict() + " " + d.reason()).toList());
        assertEquals(1, registry.find("locus.monitor.drifted.pods").gauge().value());
        assertEquals(List.of(), api.evicted(), "rebalance is off by default");

        world.status("n2", new dev.locus.cluster.NodeStatus(dev.locus.cluster.NodeStatus.Readiness.READY, true, 4000, 8L << 30))
                .status("n3", new dev.locus.cluster.NodeStatus(dev.locus.cluster.NodeStatus.Readiness.READY, false, 50, 8L << 30));
        MonitorReport full = run(pass(m -> m.rebalance(true)));
        assertEquals(MonitorReasons.NO_ROOM, full.decisions().get(0).reason(), "n2 cordoned, n3 without CPU for 100m");
        assertEquals(List.of(), api.evicted());

        world.status("n3", World.READY);
        MonitorReport room = run(pass(m -> m.rebalance(true)));
        assertEquals(MonitorReasons.REBALANCE, room.decisions().get(0).reason());
        assertEquals(List.of("apps/away"), api.evicted());
        assertEquals(1.0, counter("locus.monitor.evictions", "reason", MonitorReasons.REBALANCE, "dry_run", "false"));
    }

    @Test
    void aDriftedPodThatThePlannersOwnerRulesKeepIsNotRebalanced() {
        world.volume("data-away", "n2", "n3");
        client.resource(World.apiPod("away", "n1", false, "data-away")).create();
        MonitorReport report = run(pass(m -> m.rebalance(true)));
        assertEquals(List.of("DRIFT drifted"), report.decisions().stream().map(d -> d.verdict() + " " + d.reason()).toList(),
                "a bare pod stays drifted even with room on n2 and n3");
        assertEquals(List.of(), api.evicted());
    }

    @Test
    void theReportShowsFailuresAndDecisionsWithTheirReasons() {
        pods("n1", "db-0");
        world.storageDown("n1");
        MonitorReport report = run(pass(m -> { }));
        String json = report.json(java.util.Map.of("enabled", true)).replaceAll("\\s", "");
        assertTrue(json.contains("\"failures\":[{\"node\":\"n1\",\"failure\":\"storage-down\""), json);
        assertTrue(json.contains("\"graceSeconds\":60,\"confirmed\":false,\"actingInSeconds\":60"), json);
        assertTrue(json.contains("\"pod\":\"apps/db-0\",\"node\":\"n1\",\"verdict\":\"skip\",\"reason\":\"in-grace\""),
                json);
        assertTrue(json.contains("\"healthyReplicaNodes\":[\"n2\",\"n3\"]"), json);
    }
}
