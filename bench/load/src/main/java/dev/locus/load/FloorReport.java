package dev.locus.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Renders a {@link FloorCompare.Report}: the Markdown table of Locus against the floor, and its charts. */
final class FloorReport {

    /** Header of the table; docs quote it. */
    static final String HEADER = "| nodes | mode | claims/pod | filter body | cycles | Locus filter p50 / p99 ms "
            + "| floor filter p50 / p99 ms | filter ratio p50 / p99 | Locus prioritize p50 / p99 ms "
            + "| floor prioritize p50 / p99 ms | prioritize ratio p50 / p99 | errors | load (1/5/15 min) after |";

    private FloorReport() {
    }

    static String markdown(FloorCompare.Report report, List<String> charts) {
        StringBuilder md = new StringBuilder("# Locus against the HTTP floor\n\n");
        md.append("- JDK: ").append(report.jdk()).append(", CPUs: ").append(report.cpus())
                .append("\n- Locus: ").append(report.locus()).append(" serve --manifests DIR (the floor: same JVM and flags)")
                .append("\n- ").append(MarkdownReport.fmt(report.warmupSeconds())).append(" s of unmeasured paired cycles, then ")
                .append(MarkdownReport.fmt(report.durationSeconds())).append(" s measured, per row; one client (c=1)")
                .append("\n- the floor's reply: ").append(report.floorReply())
                .append("\n- load average (1/5/15 min) at start / end: ").append(String.join(" / ", report.loadAverage()))
                .append("\n- ").append(report.started()).append(" .. ").append(report.finished()).append("\n\n");
        md.append(HEADER).append('\n').append(HEADER.replaceAll("[^|]+", "---")).append('\n');
        for (FloorCompare.Row r : report.rows()) {
            md.append(String.format(Locale.ROOT, "| %d | %s | %d | %s | %d | %s | %s | %s / %s | %s | %s | %s / %s | %d | %s |%n",
                    r.nodes(), CapacityCharts.label(r.mode()), r.claimsPerPod(), kib(r.filterBodyBytes()), r.cycles(),
                    FloorCompare.pair(r.locusFilter()), FloorCompare.pair(r.floorFilter()),
                    MarkdownReport.fmt(r.filterP50Ratio()), MarkdownReport.fmt(r.filterP99Ratio()),
                    FloorCompare.pair(r.locusPrioritize()), FloorCompare.pair(r.floorPrioritize()),
                    MarkdownReport.fmt(r.prioritizeP50Ratio()), MarkdownReport.fmt(r.prioritizeP99Ratio()),
                    r.errors(), r.loadAverage()));
        }
        md.append('\n');
        for (String chart : charts) {
            md.append("![").append(chart.replace(".svg", "")).append("](").append(chart).append(")\n\n");
        }
        return md.toString();
    }

    /** Latency against node count for one mode: Locus and floor, filter and prioritize, p50 solid and p99 dashed. */
    static String chart(FloorCompare.Report report, String mode) {
        List<FloorCompare.Row> rows = report.rows().stream().filter(r -> r.mode().equals(mode)).toList();
        List<SvgLineChart.Series> series = new ArrayList<>();
        series.add(series("Locus filter p50", rows, r -> r.locusFilter().p50Ms(), false, 0));
        series.add(series("Locus filter p99", rows, r -> r.locusFilter().p99Ms(), true, 0));
        series.add(series("Locus prioritize p50", rows, r -> r.locusPrioritize().p50Ms(), false, 1));
        series.add(series("Locus prioritize p99", rows, r -> r.locusPrioritize().p99Ms(), true, 1));
        series.add(series("floor filter p50", rows, r -> r.floorFilter().p50Ms(), false, 2));
        series.add(series("floor filter p99", rows, r -> r.floorFilter().p99Ms(), true, 2));
        series.add(series("floor prioritize p50", rows, r -> r.floorPrioritize().p50Ms(), false, 3));
        series.add(series("floor prioritize p99", rows, r -> r.floorPrioritize().p99Ms(), true, 3));
        return SvgLineChart.render("Locus vs HTTP floor, " + CapacityCharts.label(mode) + " mode, c=1",
                new SvgLineChart.Axis("nodes offered", true), new SvgLineChart.Axis("latency at the client, ms", true),
                series);
    }

    private static SvgLineChart.Series series(String name, List<FloorCompare.Row> rows,
                                              java.util.function.ToDoubleFunction<FloorCompare.Row> y, boolean dashed,
                                              int colour) {
        return new SvgLineChart.Series(name, rows.stream()
                .map(r -> new SvgLineChart.Point(r.nodes(), y.applyAsDouble(r))).toList(), dashed, colour);
    }

    private static String kib(long bytes) {
        return bytes >= 1 << 20 ? MarkdownReport.fmt(bytes / 1048576.0) + " MiB" : MarkdownReport.fmt(bytes / 1024.0) + " KiB";
    }
}
