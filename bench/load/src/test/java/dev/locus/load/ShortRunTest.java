package dev.locus.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locus.Locus;
import dev.locus.cluster.ManifestLoader;
import dev.locus.cluster.StaticClusterState;
import dev.locus.config.LocusConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short real run against Locus started in-process on a generated cluster: ~1 s per mode
 * (request-capped), then the JSON, Markdown and SVG written from it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShortRunTest {

    @TempDir
    static Path dir;

    private Locus locus;
    private URI url;
    private SyntheticCluster cluster;
    private final List<RunResult> runs = new ArrayList<>();

    @BeforeAll
    void startLocusAndRun() throws IOException {
        cluster = SyntheticCluster.generate(ClusterSpec.forNodes(120, 3, 10, 2, 3, 2, 60, 0.25, 5));
        ManifestWriter.write(cluster, dir.resolve("manifests"));
        locus = Locus.create(LocusConfig.builder().host("127.0.0.1").port(0).build(),
                new StaticClusterState(ManifestLoader.load(dir.resolve("manifests"))));
        url = URI.create("http://127.0.0.1:" + locus.start().toCompletionStage().toCompletableFuture().join() + "/");
        RunSettings settings = new RunSettings(2, Duration.ofMillis(200), Duration.ofSeconds(1), 600, 1L << 30,
                Duration.ofSeconds(5));
        try (LocusProbe probe = new LocusProbe(url, -1)) {
            for (NodeMode mode : NodeMode.values()) {
                runs.add(LoadRunner.run(url, ExtenderRequests.build(cluster, mode), settings, probe));
            }
        }
    }

    @AfterAll
    void stopLocus() {
        if (locus != null) {
            locus.close();
        }
    }

    @Test
    void eachPointMeasuredRealTrafficWithoutErrors() {
        assertEquals(2, runs.size());
        for (RunResult r : runs) {
            assertEquals(0, r.errorCount(), r.errors().toString());
            assertEquals(0, r.degraded(), "no answer past Locus's request deadline: " + r);
            assertTrue(r.pods() > 0, r.toString());
            assertEquals(r.requests(), r.filter().count() + r.prioritize().count(),
                    "every measured request is a filter or a prioritize: " + r);
            assertTrue(r.requests() <= 600, "--max-requests caps the point, warm-up included: " + r);
            assertTrue(r.stoppedBy().equals("duration") ? r.seconds() >= 1.0 : r.stoppedBy().equals("max-requests"),
                    "a point ends at its duration or at its request cap: " + r);
            assertEquals(r.requests() / r.seconds(), r.requestsPerSecond(), 0.1 + r.requestsPerSecond() * 0.002, r.toString());
            assertEquals(r.pods() / r.seconds(), r.podsPerSecond(), 0.1 + r.podsPerSecond() * 0.002, r.toString());
            assertTrue(r.filter().count() >= r.pods() && r.filter().count() <= r.pods() + r.concurrency(),
                    "one filter per pod (a cap may cut the last cycles short): " + r);
            assertTrue(r.prioritize().count() > 0 && r.prioritize().count() < r.pods(),
                    "pods with a strict local volume pass one node and skip prioritize: " + r);
            assertTrue(r.cycle().p50Ms() > 0 && r.cycle().p50Ms() <= r.cycle().p90Ms()
                    && r.cycle().p90Ms() <= r.cycle().p99Ms() && r.cycle().p99Ms() <= r.cycle().maxMs(), r.toString());
            assertTrue(r.requestsPerSecond() > 0 && r.requestBytesPerSecond() > 0, r.toString());
            assertTrue(r.locusCpuSeconds() > 0, "CPU from process_cpu_time_ns_total: " + r);
            assertTrue(r.peakHeapBytes() > 1 << 20, "heap from jvm_memory_used_bytes: " + r);
            assertTrue(r.seconds() > 0 && r.seconds() < 1 + 2 * 5 + 1, "duration, then at most the clients' join wait: " + r);
        }
        assertTrue(runs.get(1).filterBodyBytes() > 50 * runs.get(0).filterBodyBytes(),
                "Nodes-mode bodies carry full Node objects: " + runs.get(1).filterBodyBytes());
    }

    @Test
    void aPodWithALocalVolumePassesOnlyOnItsNode() throws Exception {
        ExtenderRequests requests = ExtenderRequests.build(cluster, NodeMode.NAMES);
        int pod = firstPodWithOneLocalVolume();
        List<String> claims = cluster.pods().get(pod).claims();
        String home = cluster.volumes().stream().filter(v -> v.local() && claims.contains(v.claim())).findFirst()
                .orElseThrow().nodes().get(0);
        HttpResponse<byte[]> reply = HttpClient.newHttpClient().send(HttpRequest.newBuilder(url.resolve("/filter"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(requests.filter(pod).bytes())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, reply.statusCode());
        assertEquals(List.of(home), FilterReply.parse(reply.body(), NodeMode.NAMES).passing(),
                "every node is offered; only the local volume's node passes");

        SchedulerClient client = new SchedulerClient(url, requests, Duration.ofSeconds(5), new Budget(10, 1L << 20));
        client.cycle(pod, true);

        assertEquals(1, client.filter.getTotalCount());
        assertEquals(0, client.prioritize.getTotalCount(), "one feasible node: the scheduler skips prioritize");
        assertEquals(1, client.pods, "the cycle completed without prioritize");
        assertTrue(client.errors.isEmpty(), client.errors.toString());
    }

    /** A pod with exactly one node-local claim, so exactly one node can serve it. */
    private int firstPodWithOneLocalVolume() {
        for (int p = 0; p < cluster.pods().size(); p++) {
            List<String> claims = cluster.pods().get(p).claims();
            if (cluster.volumes().stream().filter(v -> v.local() && claims.contains(v.claim())).count() == 1) {
                return p;
            }
        }
        throw new AssertionError("the spec has 25 % local volumes");
    }

    @Test
    void reportWritesJsonMarkdownAndChartsThatReadBack() throws Exception {
        SweepReport report = new SweepReport(
                new SweepReport.Machine(2, 1L << 30, "jdk", "os", List.of("0 0 0", "0 0 0"), "in-process", "now"),
                new SweepReport.Settings(List.of(120), List.of("names", "nodes"), List.of(2), 1000, 0.2, 1, 600,
                        1L << 30, 5, List.of(10.0, 100.0)),
                List.of(new SweepReport.Cluster(cluster.spec(), 1, runs.get(0).filterBodyBytes(),
                        runs.get(1).filterBodyBytes())),
                runs, SizingTable.Assumptions.defaults(),
                SizingTable.rows(runs, List.of(10.0, 100.0), SizingTable.Assumptions.defaults()), List.of("a note"));
        Path out = dir.resolve("report");

        List<Path> files = Sweep.write(report, out);

        assertEquals(5, files.size());
        JsonNode json = new ObjectMapper().readTree(out.resolve(SweepReport.JSON_FILE).toFile());
        for (String field : List.of("nodes", "mode", "concurrency", "degraded", "requestsPerSecond", "podsPerSecond",
                "requestBytesPerSecond", "cpuSecondsPer1000Requests", "peakHeapBytes", "errors")) {
            assertTrue(json.at("/runs/0").has(field), field);
        }
        for (String p : List.of("p50Ms", "p90Ms", "p99Ms", "maxMs")) {
            assertTrue(json.at("/runs/1/cycle/" + p).asDouble() > 0, p);
        }
        assertEquals(4, json.at("/sizing").size(), "2 rates × (names, nodes)");
        assertEquals(report, SweepReport.read(out.resolve(SweepReport.JSON_FILE)), "JSON reads back to the same report");

        String md = Files.readString(out.resolve(SweepReport.MARKDOWN_FILE));
        assertTrue(md.contains(MarkdownReport.RUNS_HEADER) && md.contains(MarkdownReport.SIZING_HEADER), md);
        assertTrue(md.contains("| 120 | NodeNames | 2 |") && md.contains("| 120 | Nodes | 2 |"), md);
        assertTrue(md.contains("(" + CapacityCharts.LATENCY + ")") && md.contains("a note"), md);
        for (String chart : List.of(CapacityCharts.LATENCY, CapacityCharts.THROUGHPUT, CapacityCharts.CPU)) {
            var svg = SvgLineChartTest.parse(Files.readString(out.resolve(chart)));
            assertTrue(svg.getElementsByTagName("circle").getLength() >= 2, chart);
            assertTrue(SvgLineChartTest.texts(svg).stream().anyMatch(t -> t.contains("NodeNames")), chart);
        }
    }
}
