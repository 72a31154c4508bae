package dev.locus.monitor;

import static dev.locus.monitor.World.bare;
import static dev.locus.monitor.World.ownedBy;
import static dev.locus.monitor.World.pod;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locus.cluster.ObjectKey;
import dev.locus.config.LocalityPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The planner's rules, one row each: which pods on failed storage are proposed, skipped or reported as drifted. */
class PlannerTest {

    private static final Instant NOW = Instant.parse("2026-12-04T12:00:00Z");

    /** A failure observed long enough ago to be past its grace. */
    static GraceTracker.Tracked confirmed(String node) {
        return new GraceTracker.Tracked(new NodeFailure(node, FailureKind.STORAGE_DOWN, ""), NOW.minusSeconds(120),
                Duration.ofSeconds(60), true);
    }

    static GraceTracker.Tracked inGrace(String node) {
        return new GraceTracker.Tracked(new NodeFailure(node, FailureKind.STORAGE_DOWN, ""), NOW.minusSeconds(20),
                Duration.ofSeconds(60), false);
    }

    record Row(Consumer<World> cluster, List<PodFacts> pods, List<GraceTracker.Tracked> failures,
               Map<String, String> expected) {
    }

    static Arguments row(String name, Consumer<World> cluster, List<PodFacts> pods, List<GraceTracker.Tracked> failures,
                         Map<String, String> expected) {
        return Arguments.of(Named.of(name, new Row(cluster, pods, failures, expected)));
    }

    static Stream<Arguments> rows() {
        return Stream.of(
                row("replicated volume, failure past grace: evict", w -> w.volume("data-0", "n1", "n2", "n3"),
                        List.of(pod("db-0", "n1", "data-0")), List.of(confirmed("n1")),
                        Map.of("db-0", "EVICT storage-failed")),
                row("failure still in grace: skip", w -> w.volume("data-0", "n1", "n2"),
                        List.of(pod("db-0", "n1", "data-0")), List.of(inGrace("n1")),
                        Map.of("db-0", "SKIP in-grace")),
                row("bare pod: never evicted", w -> w.volume("data-0", "n1", "n2"),
                        List.of(bare("solo", "n1", "data-0")), List.of(confirmed("n1")),
                        Map.of("solo", "SKIP bare-pod")),
                row("DaemonSet pod: recreated on the same node, skip", w -> w.volume("data-0", "n1", "n2"),
                        List.of(ownedBy("DaemonSet", "agent", "n1", "data-0")), List.of(confirmed("n1")),
                        Map.of("agent", "SKIP daemonset-pod")),
                row("strict single replica on the failed node: no healthy copy",
                        w -> w.volume("data-0", LocalityPolicy.STRICT, "n1"),
                        List.of(pod("db-0", "n1", "data-0")), List.of(confirmed("n1")),
                        Map.of("db-0", "SKIP no-healthy-copy")),
                row("local volume on the failed node: no healthy copy", w -> w.localVolume("data-0", "n1"),
                        List.of(pod("db-0", "n1", "data-0")), List.of(confirmed("n1")),
                        Map.of("db-0", "SKIP no-healthy-copy")),
                row("one good volume, one single-copy volume: the single copy wins",
                        w -> w.volume("data-0", "n1", "n2").volume("wal-0", "n1"),
                        List.of(pod("db-0", "n1", "data-0", "wal-0")), List.of(confirmed("n1")),
                        Map.of("db-0", "SKIP no-healthy-copy")),
                row("other replicas on failing nodes too: no healthy copy", w -> w.volume("data-0", "n1", "n2"),
                        List.of(pod("db-0", "n1", "data-0")), List.of(confirmed("n1"), inGrace("n2")),
                        Map.of("db-0", "SKIP no-healthy-copy")),
                row("claim not in the snapshot: unknown locality", w -> { },
                        List.of(pod("db-0", "n1", "data-0")), List.of(confirmed("n1")),
                        Map.of("db-0", "SKIP unknown-locality")),
                row("volume nobody knows the replicas of: not a candidate", w -> w.volume("data-0"),
                        List.of(pod("db-0", "n1", "data-0")), List.of(confirmed("n1")),
                        Map.of("db-0", "SKIP no-known-replica")),
                row("pod already terminating", w -> w.volume("data-0", "n1", "n2"),
                        List.of(terminating(pod("db-0", "n1", "data-0"))), List.of(confirmed("n1")),
                        Map.of("db-0", "SKIP terminating")),
                row("only pods on the failed node are touched", w -> w.volume("data-0", "n1", "n2")
                                .volume("data-1", "n2", "n3"),
                        List.of(pod("db-0", "n1", "data-0"), pod("db-1", "n2", "data-1")), List.of(confirmed("n1")),
                        Map.of("db-0", "EVICT storage-failed")),
                row("pod without volumes: not the monitor's business", w -> { },
                        List.of(pod("web", "n1")), List.of(confirmed("n1")), Map.of()),
                row("healthy node holding none of the replicas: drift", w -> w.volume("data-0", "n2", "n3"),
                        List.of(pod("db-0", "n1", "data-0")), List.of(), Map.of("db-0", "DRIFT drifted")),
                row("healthy node holding a replica: nothing", w -> w.volume("data-0", "n1", "n2"),
                        List.of(pod("db-0", "n1", "data-0")), List.of(), Map.of()),
                row("local volume pinned to hostname n2, n1's label (node n2 is labelled otherwise): n1 holds it",
                        w -> w.hostname("n1", "n2").hostname("n2", "n2.old").localVolume("data-0", "n2"),
                        List.of(pod("db-0", "n1", "data-0")), List.of(), Map.of()),
                row("that local volume's node n1 failed: no healthy copy, not a move to the node named n2",
                        w -> w.hostname("n1", "n2").hostname("n2", "n2.old").localVolume("data-0", "n2"),
                        List.of(pod("db-0", "n1", "data-0")), List.of(confirmed("n1")),
                        Map.of("db-0", "SKIP no-healthy-copy")),
                row("policy none: away from the data is fine", w -> w.volume("data-0", LocalityPolicy.NONE, "n2"),
                        List.of(pod("db-0", "n1", "data-0")), List.of(), Map.of()));
    }

    private static PodFacts terminating(PodFacts p) {
        return new PodFacts(p.key(), p.uid(), p.node(), p.schedulerName(), p.controllerKind(), p.claims(),
                p.annotations(), p.milliCpu(), p.memory(), true, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decides(Row row) {
        World world = new World().nodes("n1", "n2", "n3");
        row.cluster().accept(world);
        List<Decision> decisions = World.planner().plan(world.snapshot(), row.pods(), row.failures(), NOW);
        Map<String, String> actual = decisions.stream().collect(Collectors.toMap(d -> d.pod().name(),
                d -> d.verdict() + " " + d.reason(), (a, b) -> a, TreeMap::new));
        assertEquals(new TreeMap<>(row.expected()), actual);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void namesHealthyReplicaNodesOffTheFailedNode(Row row) {
        World world = new World().nodes("n1", "n2", "n3");
        row.cluster().accept(world);
        Set<String> failing = row.failures().stream().map(t -> t.failure().node()).collect(Collectors.toSet());
        for (Decision d : World.planner().plan(world.snapshot(), row.pods(), row.failures(), NOW)) {
            assertEquals(Set.of(), intersection(d.replicaNodes(), failing), d.pod() + " names a failing node");
            assertEquals(false, d.replicaNodes().contains(d.node()), d.pod() + " names its own node");
        }
    }

    private static Set<String> intersection(Set<String> a, Set<String> b) {
        return a.stream().filter(b::contains).collect(Collectors.toSet());
    }

    @org.junit.jupiter.api.Test
    void anEvictionNamesTheFailureAndWhereTheHealthyReplicasAre() {
        World world = new World().nodes("n1", "n2", "n3").volume("data-0", "n1", "n2", "n3");
        Decision d = World.planner().plan(world.snapshot(), List.of(pod("db-0", "n1", "data-0")),
                List.of(confirmed("n1")), NOW).get(0);
        assertEquals(new ObjectKey(World.NS, "db-0"), d.pod());
        assertEquals(Set.of("n2", "n3"), d.replicaNodes());
        assertEquals(List.of("storage-down"), d.failures());
        assertEquals("storage on n1 failed (storage-down); healthy replicas on [n2, n3]", d.message());
    }
}
