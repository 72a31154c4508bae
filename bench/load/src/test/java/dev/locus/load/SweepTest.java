package dev.locus.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The sweep end to end with Locus as a child process, and the command line's refusals. */
class SweepTest {

    @TempDir
    Path dir;

    /** Locus's CLI from this test's class path (the locus artifact and its dependencies), in a new JVM. */
    static List<String> classpathLauncher() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), "dev.locus.Main");
    }

    @Test
    void sweepStartsLocusPerClusterMeasuresItAndStopsIt() throws IOException {
        RunSettings settings = new RunSettings(1, Duration.ZERO, Duration.ofMillis(500), 300, 1L << 30,
                Duration.ofSeconds(5));
        Sweep.Plan plan = new Sweep.Plan(List.of(20, 60), List.of(NodeMode.NAMES, NodeMode.NODES), List.of(1, 2), 20,
                settings, Duration.ofMillis(300), 50, Duration.ofMinutes(5), ClusterSpec::defaults, List.of(50.0),
                SizingTable.Assumptions.defaults());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        List<Long> started = new ArrayList<>();
        List<Long> aliveAtNextStart = new ArrayList<>();
        Sweep.Target child = Sweep.Target.child(classpathLauncher());
        Sweep.Target recording = new Sweep.Target() {
            @Override
            public Sweep.Running start(Path manifests, Path log) throws IOException {
                started.stream().filter(SweepTest::alive).forEach(aliveAtNextStart::add);
                Sweep.Running running = child.start(manifests, log);
                started.add(running.pid());
                return running;
            }

            @Override
            public String describe() {
                return child.describe();
            }
        };

        SweepReport report = Sweep.run(plan, recording, dir, new PrintStream(console, true, StandardCharsets.UTF_8));

        assertEquals(2, started.size(), "one Locus per cluster");
        assertEquals(List.of(), aliveAtNextStart, "each Locus is stopped before the next cluster's starts");
        assertEquals(List.of(), started.stream().filter(SweepTest::alive).toList(), "no Locus outlives the sweep");

        assertEquals(6, report.runs().size(), "20 nodes: 2 modes × 2; 60 nodes: names only × 2");
        assertTrue(report.notes().contains("Nodes mode not run at 60 nodes (--nodes-mode-max-nodes 20)"),
                report.notes().toString());
        for (RunResult r : report.runs()) {
            assertEquals(0, r.errorCount(), r.toString());
            assertTrue(r.pods() > 0, r.toString());
            assertTrue(r.locusCpuSeconds() > 0 && r.peakHeapBytes() > 0, "measured in the child: " + r);
            assertTrue(r.loadCpuSeconds() >= 0, r.toString());
        }
        assertTrue(report.notes().stream().noneMatch(n -> n.contains("not serving")),
                "Locus knows every generated claim: " + report.notes());
        assertEquals(3, report.sizing().size(), "one rate × (20 names, 20 nodes, 60 names)");
        assertEquals(2, report.clusters().size());
        assertTrue(Files.readString(dir.resolve("logs/locus-nodes-60.log")).contains("Locus serving on"));
        assertTrue(Files.isRegularFile(dir.resolve("clusters/nodes-60/10-nodes-000.yaml")));
        assertTrue(console.toString(StandardCharsets.UTF_8).contains("nodes=60"), console.toString());
    }

    private static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void notesWhenTheTargetDoesNotServeTheGeneratedCluster() throws IOException {
        dev.locus.Locus other = dev.locus.Locus.create(
                dev.locus.config.LocusConfig.builder().host("127.0.0.1").port(0).build(),
                new dev.locus.cluster.StaticClusterState(dev.locus.cluster.ClusterSnapshot.empty()));
        try {
            int port = other.start().toCompletionStage().toCompletableFuture().join();
            RunSettings settings = new RunSettings(1, Duration.ZERO, Duration.ofMillis(300), 100, 1L << 30,
                    Duration.ofSeconds(5));
            Sweep.Plan plan = new Sweep.Plan(List.of(20), List.of(NodeMode.NAMES), List.of(1), 20, settings,
                    Duration.ZERO, 0, Duration.ofMinutes(1), ClusterSpec::defaults, List.of(10.0),
                    SizingTable.Assumptions.defaults());

            SweepReport report = Sweep.run(plan, Sweep.Target.url(URI.create("http://127.0.0.1:" + port + "/")), dir,
                    new PrintStream(new ByteArrayOutputStream()));

            assertEquals(1, report.runs().size());
            assertTrue(report.notes().stream().anyMatch(n -> n.contains("not serving this cluster's manifests")),
                    report.notes().toString());
        } finally {
            other.close();
        }
    }

    @Test
    void failingLocusIsReportedWithItsLog() {
        List<String> launcher = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.locus.Main");
        IOException e = org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
                () -> LocusProcess.start(launcher, dir.resolve("missing"), dir.resolve("locus.log")));
        assertTrue(e.getMessage().contains("exited with status 2") && e.getMessage().contains("no such file"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://10.1.2.3:8888", "http://example.com:8888", "https://127.0.0.1:8888"})
    void refusesTargetsOffThisMachine(String url) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LoadTool.run(new String[] {"sweep", "--nodes", "100", "--url", url}, new PrintStream(
                new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--url " + url), err.toString());
    }

    @Test
    void acceptsLoopbackTargets() {
        for (String url : List.of("http://127.0.0.1:1/", "http://localhost:1/", "http://[::1]:1/")) {
            assertEquals(URI.create(url), Loopback.require(URI.create(url)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"--duration 1h", "--concurrency 0", "--nodes 0", "--bogus 1", "--max-bytes 1", "--modes all"})
    void badFlagsAreUsageErrorsNamingTheFlag(String flags) {
        String[] args = ("sweep " + flags + " --locus-jar " + dir.resolve("none.jar")).split(" ");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LoadTool.run(args, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code, err.toString());
        String flag = flags.split(" ")[0];
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(flag), err.toString());
    }

    @Test
    void generateWritesLoadableManifestsAndSampleRequests() throws IOException {
        int code = LoadTool.run(new String[] {"generate", "--nodes", "30", "--out", dir.toString()},
                new PrintStream(new ByteArrayOutputStream()), System.err);
        assertEquals(0, code);
        assertEquals(30, dev.locus.cluster.ManifestLoader.load(dir.resolve("manifests")).nodes().size());
        assertTrue(Files.size(dir.resolve("requests/filter-nodes.json")) > 30 * 3000);
        assertTrue(Files.size(dir.resolve("requests/filter-names.json")) < 5000);
    }
}
