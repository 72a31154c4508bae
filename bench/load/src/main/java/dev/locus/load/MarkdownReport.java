package dev.locus.load;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders a {@link SweepReport} as Markdown: machine, settings, every point, the sizing table, the charts. */
public final class MarkdownReport {

    /** Header of the per-point table; tests and docs refer to its columns. */
    static final String RUNS_HEADER = "| nodes | mode | conc. | pods/s | req/s | filter p50 / p99 ms | "
            + "prioritize p50 / p99 ms | cycle p50 / p90 / p99 / max ms | errors | degraded | req MB/s | "
            + "Locus CPU s / 1000 req | CPU ms / pod | peak heap MiB | load-gen CPU s | stop |";
    /** Header of the sizing table. */
    static final String SIZING_HEADER = "| nodes | mode | target pods/s | cores | replicas | expected cycle p99 ms | "
            + "one scheduler's max pods/s | note |";

    private MarkdownReport() {
    }

    /** The report; {@code charts} are file names beside it. */
    public static String render(SweepReport report, List<String> charts) {
        StringBuilder md = new StringBuilder("# Locus capacity report\n\n");
        machine(md, report);
        md.append("## Points\n\nEach point: ").append(fmt(report.settings().warmupSeconds()))
                .append(" s warm-up, then up to ").append(fmt(report.settings().durationSeconds()))
                .append(" s measured (fewer when a request or byte cap was reached: see `stop`). "
                        + "A pod is one scheduling cycle: filter with every node, then prioritize with the nodes "
                        + "that passed. `degraded`: answers Locus gave without its placement rules because its "
                        + "request deadline passed (`locus_deadline_exceeded_total`).\n\n");
        md.append(RUNS_HEADER).append('\n').append(separator(RUNS_HEADER)).append('\n');
        for (RunResult r : report.runs()) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %d | %s | %s | %s / %s | %s / %s | %s / %s / %s / %s | %s "
                            + "| %d | %s | %s | %s | %s | %s | %s |%n",
                    r.nodes(), CapacityCharts.label(r.mode()), r.concurrency(), fmt(r.podsPerSecond()),
                    fmt(r.requestsPerSecond()), fmt(r.filter().p50Ms()), fmt(r.filter().p99Ms()),
                    fmt(r.prioritize().p50Ms()), fmt(r.prioritize().p99Ms()), fmt(r.cycle().p50Ms()),
                    fmt(r.cycle().p90Ms()), fmt(r.cycle().p99Ms()), fmt(r.cycle().maxMs()), errors(r), r.degraded(),
                    fmt(r.requestBytesPerSecond() / 1e6), fmt(r.cpuSecondsPer1000Requests()), fmt(r.cpuMillisPerPod()),
                    fmt(r.peakHeapBytes() / 1048576.0), fmt(r.loadCpuSeconds()), r.stoppedBy()));
        }
        sizing(md, report);
        md.append("\n## Charts\n\n");
        for (String chart : charts) {
            md.append("![").append(chart.replace(".svg", "").replace('-', ' ')).append("](").append(chart).append(")\n\n");
        }
        if (!report.notes().isEmpty()) {
            md.append("## Notes\n\n");
            report.notes().forEach(n -> md.append("- ").append(n).append('\n'));
        }
        return md.toString();
    }

    private static void machine(StringBuilder md, SweepReport report) {
        SweepReport.Machine m = report.machine();
        md.append("## Machine\n\n")
                .append("- CPUs: ").append(m.cpus()).append(", memory: ").append(fmt(m.memoryBytes() / 1073741824.0))
                .append(" GiB\n- JDK: ").append(m.jdk()).append("\n- OS: ").append(m.os())
                .append("\n- load average (1/5/15 min) at start / end: ").append(String.join(" / ", m.loadAverage()))
                .append("\n- Locus under test: ").append(m.target())
                .append("\n- finished: ").append(m.generatedAt()).append("\n\n");
        md.append("## Clusters\n\n| nodes | zones | nodes/rack | volumes | replicas | claims/pod | distinct pods | "
                + "local share | seed | NodeNames filter body | Nodes filter body |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (SweepReport.Cluster c : report.clusters()) {
            ClusterSpec s = c.spec();
            md.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %d | %s | %d | %s | %s |%n", s.nodes(),
                    s.zones(), s.nodesPerRack(), s.volumes(), s.replicas(), s.claimsPerPod(), s.pods(),
                    fmt(s.localFraction()), s.seed(), bytes(c.namesFilterBytes()),
                    c.nodesFilterBytes() == 0 ? "not run" : bytes(c.nodesFilterBytes())));
        }
        md.append('\n');
    }

    private static void sizing(StringBuilder md, SweepReport report) {
        SizingTable.Assumptions a = report.assumptions();
        md.append("\n## Sizing\n\nAssumptions: each pod = 1 filter + 1 prioritize; Locus CPU per pod = the highest "
                + "measured at that size and mode (the lowest throughput per core); replicas run at ≤ ").append(fmt(a.targetUtilisation() * 100))
                .append(" % CPU with ").append(fmt(a.coresPerReplica())).append(" core(s) each; at least ")
                .append(a.minReplicas()).append(" replicas; expected p99 = pod-cycle p99 at concurrency 1 "
                        + "(one scheduler's serial calls to an unsaturated replica).\n\n");
        md.append(SIZING_HEADER).append('\n').append(separator(SIZING_HEADER)).append('\n');
        for (SizingTable.Row row : report.sizing()) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %d | %s | %s | %s |%n", row.nodes(),
                    CapacityCharts.label(row.mode()), fmt(row.podsPerSecond()), fmt(row.cores()), row.replicas(),
                    fmt(row.expectedP99Ms()), fmt(row.singleSchedulerMaxPodsPerSecond()),
                    row.beyondOneScheduler() ? "above one scheduler's max: its serial cycle waits on Locus" : ""));
        }
    }

    private static String errors(RunResult r) {
        return r.errorCount() == 0 ? "0" : r.errors().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String separator(String header) {
        return header.replaceAll("[^|]+", "---");
    }

    private static String bytes(long n) {
        return n >= 1 << 20 ? fmt(n / 1048576.0) + " MiB" : n >= 1024 ? fmt(n / 1024.0) + " KiB" : n + " B";
    }

    /** Three significant digits, no exponent; "n/a" for NaN. */
    static String fmt(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        if (Double.isInfinite(value)) {
            return "∞";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
