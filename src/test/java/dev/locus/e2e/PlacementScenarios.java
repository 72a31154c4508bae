package dev.locus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Where the genuine kube-scheduler binds pods when it calls Locus with a shipped configuration.
 * Each scenario runs in its own namespace over the shared 30 nodes ({@link Cluster}) and
 * asserts {@code spec.nodeName}; a subclass per {@code nodeCacheCapable} mode names the file.
 */
@ExtendWith(ControlPlaneExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class PlacementScenarios {

    /** Share of one-volume pods that must land on a replica node: 99 %. */
    static final double REPLICA_SHARE = 0.99;
    /**
     * One-volume pods: 100, so that 99 % leaves room for one pod the scheduler placed without
     * Locus (the shipped {@code ignorable: true} after a call timed out on a loaded machine).
     */
    static final int ONE_VOLUME_PODS = 100;

    private final Random random = new Random(13);
    private ControlPlane plane;
    private Cluster cluster;
    private final List<String> downNodes = new ArrayList<>();
    /** The scheduler log's size when the running scenario started. */
    private long schedulerLogFrom;

    /** The file of {@code scheduler-config/} this mode runs. */
    abstract String schedulerFile();

    @BeforeAll
    void startScheduler(ControlPlane plane) {
        this.plane = plane;
        Cluster.ensureNodes(plane.client());
        plane.useShippedScheduler(schedulerFile());
        plane.locus().awaitSees("all nodes", s -> s.nodes().size() >= Cluster.nodeNames().size());
    }

    ControlPlane plane() {
        return plane;
    }

    private Cluster namespace(TestInfo test) {
        schedulerLogFrom = schedulerLogSize();
        String name = (getClass().getSimpleName() + "-" + test.getTestMethod().orElseThrow().getName())
                .toLowerCase().replaceAll("[^a-z0-9]", "-").replaceAll("e2e-", "");
        plane.createNamespace(name);
        cluster = new Cluster(plane.client(), name);
        return cluster;
    }

    /**
     * With the shipped {@code ignorable: true} the scheduler skips an extender whose reply it
     * cannot use, and a scenario's pods may still land well on the other verb's answer alone;
     * so after each scenario its log must not show such a skip, other than for a timeout (a
     * loaded machine; {@link #REPLICA_SHARE} allows for it).
     */
    private void assertEveryReplyWasUsed() {
        try {
            byte[] log = Files.readAllBytes(schedulerLog());
            int from = (int) Math.min(schedulerLogFrom, log.length);
            List<String> skipped = new String(log, from, log.length - from, StandardCharsets.UTF_8).lines()
                    .filter(l -> l.contains("Skipping extender as it returned error"))
                    .filter(l -> !l.contains("Timeout") && !l.contains("deadline exceeded")).toList();
            assertTrue(skipped.isEmpty(), () -> skipped.size() + " replies the scheduler could not use, e.g. "
                    + skipped.get(0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path schedulerLog() {
        return plane.logDir().resolve("kube-scheduler.log");
    }

    private long schedulerLogSize() {
        try {
            return Files.size(schedulerLog());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterEach
    void cleanUp() {
        if (cluster != null) {
            assertEveryReplyWasUsed();
            cluster.deleteAll();
            cluster = null;
        }
        downNodes.forEach(n -> Cluster.annotateNode(plane.client(), n, "locus.dev/storage-state", null));
        downNodes.clear();
    }

    @Test
    void oneVolumePodsLandOnAReplicaNode(TestInfo test) {
        Cluster c = namespace(test);
        int pods = ONE_VOLUME_PODS;
        Map<String, List<String>> replicas = new HashMap<>();
        List<String> claims = IntStream.range(0, pods).mapToObj(i -> "data-" + i).toList();
        for (String claim : claims) {
            replicas.put(claim, pick(2, Cluster.nodeNames()));
            c.volume(claim, "10Gi", replicas.get(claim), Map.of());
        }
        c.awaitClaimsBound(plane, claims);
        for (int i = 0; i < pods; i++) {
            c.pod("app-" + i, "100m", List.of(claims.get(i)), Map.of());
        }
        Map<String, String> bound = c.awaitBound(IntStream.range(0, pods).mapToObj(i -> "app-" + i).toList());

        long onReplica = IntStream.range(0, pods)
                .filter(i -> replicas.get("data-" + i).contains(bound.get("app-" + i))).count();
        assertTrue(onReplica >= Math.ceil(REPLICA_SHARE * pods), () -> onReplica + " of " + pods
                + " pods on a replica node; placements " + bound + ", replicas " + replicas);
    }

    @Test
    void multiVolumePodsLandWithTheLargestVolume(TestInfo test) {
        Cluster c = namespace(test);
        int pods = 8;
        List<String> claims = new ArrayList<>();
        Map<String, List<String>> largest = new HashMap<>();
        for (int i = 0; i < pods; i++) {
            List<String> nodes = pick(6, Cluster.nodeNames());
            c.volume("logs-" + i, "1Gi", nodes.subList(0, 2), Map.of());
            c.volume("big-" + i, "20Gi", nodes.subList(2, 4), Map.of());
            c.volume("cache-" + i, "2Gi", nodes.subList(4, 6), Map.of());
            largest.put("app-" + i, nodes.subList(2, 4));
            claims.addAll(List.of("logs-" + i, "big-" + i, "cache-" + i));
        }
        c.awaitClaimsBound(plane, claims);
        for (int i = 0; i < pods; i++) {
            c.pod("app-" + i, "100m", List.of("logs-" + i, "big-" + i, "cache-" + i), Map.of());
        }
        Map<String, String> bound = c.awaitBound(new ArrayList<>(largest.keySet()));

        bound.forEach((pod, node) -> assertTrue(largest.get(pod).contains(node),
                () -> pod + " on " + node + ", its largest volume on " + largest.get(pod)));
    }

    /**
     * Pods of the strict scenario. Without Locus's judgement a pod picks between the down replica
     * and its healthy one about evenly, so 10 pods all avoiding the down node by luck is about
     * 1 in 1,000.
     */
    static final int STRICT_PODS = 10;

    @Test
    void strictPodsAvoidAReplicaWhoseStorageIsDown(TestInfo test) {
        Cluster c = namespace(test);
        List<String> nodes = pick(STRICT_PODS + 1, bigNodes());
        String down = nodes.get(0);
        Cluster.annotateNode(plane.client(), down, "locus.dev/storage-state", "down");
        downNodes.add(down);
        List<String> claims = new ArrayList<>();
        for (int i = 1; i < nodes.size(); i++) {
            c.volume("data-" + i, "10Gi", List.of(down, nodes.get(i)), Map.of("locus.dev/locality", "strict"));
            claims.add("data-" + i);
        }
        c.awaitClaimsBound(plane, claims);
        plane.locus().awaitSees(down + " down", s -> "down".equals(
                s.node(down).annotations().get("locus.dev/storage-state")));
        List<String> pods = new ArrayList<>();
        for (int i = 1; i < nodes.size(); i++) {
            c.pod("app-" + i, "100m", List.of("data-" + i), Map.of());
            pods.add("app-" + i);
        }
        Map<String, String> bound = c.awaitBound(pods);

        for (int i = 1; i < nodes.size(); i++) {
            assertEquals(nodes.get(i), bound.get("app-" + i), "app-" + i + ": replicas " + down + " (down) and "
                    + nodes.get(i));
        }
    }

    @Test
    void podsTooBigForTheReplicaNodesLandInAReplicasRack(TestInfo test) {
        Cluster c = namespace(test);
        List<String> small = Cluster.nodeNames().stream().filter(Cluster::small).toList();
        int pods = 6;
        Map<String, List<String>> replicas = new HashMap<>();
        for (int i = 0; i < pods; i++) {
            replicas.put("app-" + i, pick(2, small));
            c.volume("data-" + i, "10Gi", replicas.get("app-" + i), Map.of());
        }
        c.awaitClaimsBound(plane, IntStream.range(0, pods).mapToObj(i -> "data-" + i).toList());
        for (int i = 0; i < pods; i++) {
            c.pod("app-" + i, "2", List.of("data-" + i), Map.of());
        }
        Map<String, String> bound = c.awaitBound(new ArrayList<>(replicas.keySet()));

        bound.forEach((pod, node) -> assertTrue(replicas.get(pod).stream().map(Cluster::rack).toList()
                .contains(Cluster.rack(node)), () -> pod + " (2 CPUs, replicas on 1-CPU " + replicas.get(pod)
                + ") bound to " + node));
    }

    @Test
    void podsWithoutVolumesAreSpreadAsWithoutLocus(TestInfo test) {
        Cluster c = namespace(test);
        int pods = 30;
        List<String> names = IntStream.range(0, pods).mapToObj(i -> "web-" + i).toList();
        names.forEach(n -> c.pod(n, "100m", List.of(), Map.of()));
        Map<String, String> bound = c.awaitBound(names);

        Map<String, Long> perNode = new HashMap<>();
        bound.values().forEach(n -> perNode.merge(n, 1L, Long::sum));
        assertTrue(Collections.max(perNode.values()) <= MAX_PODS_PER_NODE_WITHOUT_VOLUMES, () -> "pods per node "
                + perNode);
        assertEquals(3, bound.values().stream().map(Cluster::zone).distinct().count(), () -> "zones of " + bound);
    }

    /** The default scoring (least allocated) gives 30 equal pods on 24 empty 8-CPU nodes at most 2 each. */
    static final long MAX_PODS_PER_NODE_WITHOUT_VOLUMES = 2;

    @Test
    void aPodFollowsAReplicaMovedWhileLocusRuns(TestInfo test) {
        Cluster c = namespace(test);
        List<String> nodes = pick(4, bigNodes());
        c.volume("data", "10Gi", nodes.subList(0, 2), Map.of());
        c.awaitClaimsBound(plane, List.of("data"));
        c.pod("before", "100m", List.of("data"), Map.of());
        String before = c.awaitBound(List.of("before")).get("before");
        assertTrue(nodes.subList(0, 2).contains(before), () -> "before on " + before + ", replicas " + nodes.subList(0, 2));

        c.moveReplicas("data", nodes.subList(2, 4));
        String wanted = String.join(",", nodes.subList(2, 4));
        plane.locus().awaitSees("the moved replicas", s -> wanted.equals(
                s.volume(c.pvName("data")).annotations().get(Cluster.REPLICA_NODES)));
        c.pod("after", "100m", List.of("data"), Map.of());

        String after = c.awaitBound(List.of("after")).get("after");
        assertTrue(nodes.subList(2, 4).contains(after), () -> "after on " + after + ", replicas moved to "
                + nodes.subList(2, 4));
    }

    private static List<String> bigNodes() {
        return Cluster.nodeNames().stream().filter(n -> !Cluster.small(n)).toList();
    }

    /** {@code count} distinct nodes of {@code from}, from the class's seeded random. */
    private List<String> pick(int count, List<String> from) {
        List<String> shuffled = new ArrayList<>(from);
        Collections.shuffle(shuffled, random);
        return List.copyOf(shuffled.subList(0, count));
    }
}
