package dev.locus.load;

import dev.locus.load.SvgLineChart.Axis;
import dev.locus.load.SvgLineChart.Point;
import dev.locus.load.SvgLineChart.Series;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The three charts of a sweep: latency vs nodes, throughput vs concurrency, and Locus CPU per
 * pod vs nodes. Nodes-mode lines are dashed; NodeNames-mode lines solid.
 */
public final class CapacityCharts {

    /** Pod-cycle p50/p99 at concurrency 1 against node count, log–log. */
    public static final String LATENCY = "latency-vs-nodes.svg";
    /** Pods/s against concurrency, one line per node count and mode; log y, as sizes differ by 100×. */
    public static final String THROUGHPUT = "throughput-vs-concurrency.svg";
    /** Locus CPU milliseconds per pod against node count, per mode and concurrency, log–log. */
    public static final String CPU = "cpu-per-pod-vs-nodes.svg";

    private CapacityCharts() {
    }

    /** Writes the charts into {@code dir}; returns their paths. */
    public static List<Path> write(SweepReport report, Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(write(dir.resolve(LATENCY), latency(report.runs())));
        files.add(write(dir.resolve(THROUGHPUT), throughput(report.runs())));
        files.add(write(dir.resolve(CPU), cpu(report.runs())));
        return files;
    }

    private static Path write(Path file, String svg) throws IOException {
        Files.writeString(file, svg);
        return file;
    }

    /** Latency of one scheduling cycle (filter + prioritize) as one scheduler sees it. */
    static String latency(List<RunResult> runs) {
        List<Series> series = new ArrayList<>();
        List<String> modes = modes(runs);
        for (int m = 0; m < modes.size(); m++) {
            List<RunResult> serial = serialRuns(runs, modes.get(m));
            series.add(series("p99, " + label(modes.get(m)), serial, r -> r.cycle().p99Ms(), false, m));
            series.add(series("p50, " + label(modes.get(m)), serial, r -> r.cycle().p50Ms(), true, m));
        }
        return SvgLineChart.render("Pod cycle latency (filter + prioritize) at concurrency 1",
                new Axis("nodes offered per request", true), new Axis("latency (ms)", true), series);
    }

    /** Scheduling cycles per second against concurrent schedulers (log y: the lines span orders of magnitude). */
    static String throughput(List<RunResult> runs) {
        List<Series> series = new ArrayList<>();
        List<Integer> sizes = runs.stream().map(RunResult::nodes).distinct().sorted().toList();
        for (String mode : modes(runs)) {
            for (int nodes : runs.stream().filter(r -> r.mode().equals(mode)).mapToInt(RunResult::nodes).distinct()
                    .sorted().toArray()) {
                List<Point> points = runs.stream().filter(r -> r.mode().equals(mode) && r.nodes() == nodes)
                        .sorted(Comparator.comparingInt(RunResult::concurrency))
                        .map(r -> new Point(r.concurrency(), r.podsPerSecond())).toList();
                series.add(new Series(nodes + " nodes, " + label(mode), points, mode.equals(NodeMode.NODES.flag()),
                        sizes.indexOf(nodes)));
            }
        }
        return SvgLineChart.render("Throughput vs concurrency", new Axis("concurrent scheduler clients", false),
                new Axis("pods scheduled per second", true), series);
    }

    /** Locus CPU per pod at each size, one line per mode and concurrency (colour = concurrency). */
    static String cpu(List<RunResult> runs) {
        List<Series> series = new ArrayList<>();
        List<Integer> concurrencies = runs.stream().map(RunResult::concurrency).distinct().sorted().toList();
        for (String mode : modes(runs)) {
            for (int c : concurrencies) {
                List<RunResult> points = runs.stream()
                        .filter(r -> r.mode().equals(mode) && r.concurrency() == c && r.pods() > 0)
                        .sorted(Comparator.comparingInt(RunResult::nodes)).toList();
                series.add(series(label(mode) + ", concurrency " + c, points, RunResult::cpuMillisPerPod,
                        mode.equals(NodeMode.NODES.flag()), concurrencies.indexOf(c)));
            }
        }
        return SvgLineChart.render("Locus CPU per pod (filter + prioritize)", new Axis("nodes offered per request", true),
                new Axis("Locus CPU time per pod (ms)", true), series);
    }

    /** For each node count, the point with the lowest concurrency in {@code mode}. */
    private static List<RunResult> serialRuns(List<RunResult> runs, String mode) {
        return runs.stream().filter(r -> r.mode().equals(mode)).mapToInt(RunResult::nodes).distinct().sorted()
                .mapToObj(n -> runs.stream().filter(r -> r.mode().equals(mode) && r.nodes() == n && r.pods() > 0)
                        .min(Comparator.comparingInt(RunResult::concurrency)))
                .flatMap(Optional::stream).toList();
    }

    private static Series series(String name, List<RunResult> runs, ToDoubleFunction<RunResult> y, boolean dashed,
                                 int colour) {
        return new Series(name, runs.stream().map(r -> new Point(r.nodes(), y.applyAsDouble(r))).toList(), dashed,
                colour);
    }

    private static List<String> modes(List<RunResult> runs) {
        return runs.stream().map(RunResult::mode).distinct().sorted().toList();
    }

    /** The wire key of a mode's flag name, as the legend shows it. */
    static String label(String mode) {
        return NodeMode.parse(mode).wireKey();
    }
}
