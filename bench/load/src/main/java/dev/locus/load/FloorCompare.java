package dev.locus.load;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * Locus against the HTTP floor ({@code dev.locus.bench.floor.FloorServer}, in {@code bench/}):
 * for each node count, one Locus and one floor server are started with the same JVM and flags,
 * and one scheduler-like client (c=1) runs a scheduling cycle against Locus, then sends the very
 * same filter and prioritize bodies to the floor, cycle after cycle. Both see the same bodies,
 * the same machine load and the same JIT age, so the ratio of their latencies is what Locus adds
 * to reading a body and answering over HTTP.
 */
public final class FloorCompare {

    /** Main class of the floor server inside the benchmarks jar. */
    static final String FLOOR_MAIN = "dev.locus.bench.floor.FloorServer";

    /**
     * What to compare.
     *
     * @param nodes             node counts (one cluster, one Locus and one floor each)
     * @param modes             node modes
     * @param nodesModeMaxNodes largest node count run in Nodes mode
     * @param warmup            unmeasured paired cycles first, per (cluster, mode)
     * @param duration          measured paired cycles, per (cluster, mode)
     * @param httpTimeout       per-call timeout
     * @param specFor           the cluster for a node count
     * @param sizedFloor        the floor answers each body with as many bytes as Locus did (its
     *                          fixed reply padded with white space), not its short fixed reply
     */
    public record Plan(List<Integer> nodes, List<NodeMode> modes, int nodesModeMaxNodes, Duration warmup,
                       Duration duration, Duration httpTimeout, IntFunction<ClusterSpec> specFor, boolean sizedFloor) {
    }

    /** One (cluster, mode): Locus's and the floor's latencies over the same cycles, and the load around them. */
    public record Row(int nodes, String mode, int claimsPerPod, long filterBodyBytes, long cycles, long errors,
                      LatencyStats locusFilter, LatencyStats locusPrioritize, LatencyStats floorFilter,
                      LatencyStats floorPrioritize, String loadAverage) {

        /** Locus's p50 over the floor's, filter. */
        public double filterP50Ratio() {
            return ratio(locusFilter.p50Ms(), floorFilter.p50Ms());
        }

        /** Locus's p99 over the floor's, filter. */
        public double filterP99Ratio() {
            return ratio(locusFilter.p99Ms(), floorFilter.p99Ms());
        }

        /** Locus's p50 over the floor's, prioritize. */
        public double prioritizeP50Ratio() {
            return ratio(locusPrioritize.p50Ms(), floorPrioritize.p50Ms());
        }

        /** Locus's p99 over the floor's, prioritize. */
        public double prioritizeP99Ratio() {
            return ratio(locusPrioritize.p99Ms(), floorPrioritize.p99Ms());
        }

        private static double ratio(double a, double b) {
            return b <= 0 ? Double.NaN : LoadRunner.round(a / b, 2);
        }
    }

    /** The whole comparison, as written to {@code floor.json}. */
    public record Report(String jdk, int cpus, String locus, String started, String finished, List<String> loadAverage,
                         double warmupSeconds, double durationSeconds, String floorReply, List<Row> rows) {
    }

    /** {@link Report#floorReply()}: the floor's short fixed reply. */
    static final String FIXED = "fixed (no node passes; an empty priority list)";
    /** {@link Report#floorReply()}: the floor's fixed reply padded to Locus's reply's size. */
    static final String SIZED = "sized: its fixed reply padded with white space to as many bytes as Locus answered to the same body";

    private FloorCompare() {
    }

    /** The floor's launcher: {@code java [jvmOptions] -cp jar FloorServer}, the same JVM and flags as Locus's. */
    public static List<String> floorLauncher(Path jar, List<String> jvmOptions) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("--floor-jar " + jar + ": no such file; build it with "
                    + "`mvn -B -q -f bench/pom.xml package -DskipTests`");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", jar.toString(), FLOOR_MAIN));
        return command;
    }

    /** Runs the plan; manifests and both servers' logs go under {@code out}, one line per row to {@code log}. */
    public static Report run(Plan plan, List<String> locusLauncher, List<String> floorLauncher, Path out,
                             PrintStream log) throws IOException {
        String started = Instant.now().toString();
        String loadAtStart = MachineInfo.loadAverage();
        List<Row> rows = new ArrayList<>();
        for (int nodes : plan.nodes()) {
            ClusterSpec spec = plan.specFor().apply(nodes);
            SyntheticCluster cluster = SyntheticCluster.generate(spec);
            Path manifests = out.resolve("clusters").resolve("nodes-" + nodes);
            ManifestWriter.write(cluster, manifests);
            Path logs = out.resolve("logs");
            try (LocusProcess locus = LocusProcess.start(locusLauncher, manifests, logs.resolve("locus-" + nodes + ".log"));
                 LocusProcess floor = LocusProcess.start(floorLauncher, manifests, logs.resolve("floor-" + nodes + ".log"))) {
                for (NodeMode mode : plan.modes()) {
                    if (mode == NodeMode.NODES && nodes > plan.nodesModeMaxNodes()) {
                        continue;
                    }
                    Row row = paired(plan, spec, ExtenderRequests.build(cluster, mode), locus, floor);
                    rows.add(row);
                    log.println(line(row));
                }
            }
        }
        return new Report(MachineInfo.jdk(), Runtime.getRuntime().availableProcessors(),
                String.join(" ", shown(locusLauncher)), started, Instant.now().toString(),
                List.of(loadAtStart, MachineInfo.loadAverage()), plan.warmup().toMillis() / 1000.0,
                plan.duration().toMillis() / 1000.0, plan.sizedFloor() ? SIZED : FIXED, rows);
    }

    /** Cycle after cycle: Locus's, then the same bodies to the floor; measured after the warm-up. */
    private static Row paired(Plan plan, ClusterSpec spec, ExtenderRequests bodies, LocusProcess locus,
                              LocusProcess floor) {
        Budget unbounded = new Budget(10_000_000, Long.MAX_VALUE);
        SchedulerClient toLocus = new SchedulerClient(locus.url(), bodies, plan.httpTimeout(), unbounded);
        SchedulerClient toFloor = new SchedulerClient(floor.url(), bodies, plan.httpTimeout(), unbounded);
        long measureFrom = System.nanoTime() + plan.warmup().toNanos();
        long end = measureFrom + plan.duration().toNanos();
        for (long pod = 0; System.nanoTime() < end; pod++) {
            boolean measured = System.nanoTime() >= measureFrom;
            long failed = errors(toLocus);
            toLocus.cycle((int) (pod % bodies.pods()), measured);
            if (errors(toLocus) == failed) { // a cycle Locus failed is not one the floor is compared on
                toFloor.replay(toLocus.lastFilter, toLocus.lastPrioritize, measured,
                        plan.sizedFloor() ? toLocus.lastFilterReply : 0, plan.sizedFloor() ? toLocus.lastPrioritizeReply : 0);
            }
        }
        long errors = errors(toLocus) + errors(toFloor);
        return new Row(spec.nodes(), bodies.mode().flag(), spec.claimsPerPod(), bodies.filter(0).length(),
                toLocus.pods, errors, LatencyStats.of(toLocus.filter), LatencyStats.of(toLocus.prioritize),
                LatencyStats.of(toFloor.filter), LatencyStats.of(toFloor.prioritize), MachineInfo.loadAverage());
    }

    private static long errors(SchedulerClient client) {
        return client.errors.values().stream().mapToLong(Long::longValue).sum();
    }

    /** One console line per row. */
    static String line(Row r) {
        return String.format(Locale.ROOT, "nodes=%-5d mode=%-5s cycles=%-6d filter %s ms (floor %s, x%s)  "
                        + "prioritize %s ms (floor %s, x%s)  errors %d  load %s", r.nodes(), r.mode(), r.cycles(),
                pair(r.locusFilter()), pair(r.floorFilter()), MarkdownReport.fmt(r.filterP50Ratio()),
                pair(r.locusPrioritize()), pair(r.floorPrioritize()), MarkdownReport.fmt(r.prioritizeP50Ratio()),
                r.errors(), r.loadAverage());
    }

    /** Writes {@code floor.json}, {@code floor.md} and one chart per node mode into {@code out}. */
    public static List<Path> write(Report report, Path out) throws IOException {
        Files.createDirectories(out);
        Path json = out.resolve("floor.json");
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), report);
        List<Path> files = new ArrayList<>(List.of(json));
        List<String> charts = new ArrayList<>();
        for (String mode : report.rows().stream().map(Row::mode).distinct().toList()) {
            String name = "floor-" + mode + ".svg";
            Files.writeString(out.resolve(name), FloorReport.chart(report, mode));
            charts.add(name);
            files.add(out.resolve(name));
        }
        Path md = out.resolve("floor.md");
        Files.writeString(md, FloorReport.markdown(report, charts));
        files.add(md);
        return files;
    }

    static String pair(LatencyStats s) {
        return MarkdownReport.fmt(s.p50Ms()) + " / " + MarkdownReport.fmt(s.p99Ms());
    }

    private static List<String> shown(List<String> launcher) {
        List<String> shown = new ArrayList<>(launcher);
        shown.set(0, Path.of(shown.get(0)).getFileName().toString());
        return shown;
    }
}
