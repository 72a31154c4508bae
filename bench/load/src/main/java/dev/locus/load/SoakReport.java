package dev.locus.load;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Everything one soak measured, as written to {@code soak.json}, and its Markdown
 * ({@code soak.md}): the machine, the settings, one row per window and the verdict.
 *
 * @param machine  where it ran (load averages at the start and the end; per window in {@code windows})
 * @param settings how it ran
 * @param locusPid the process id of the Locus child, -1 for {@code --url}
 * @param windows  every window in order, the warm-up first
 * @param verdict  the checks and whether all passed
 */
public record SoakReport(SweepReport.Machine machine, Settings settings, long locusPid, List<SoakWindow> windows,
                         SoakVerdict verdict) {

    /** The JSON file's name in the output folder. */
    public static final String JSON_FILE = "soak.json";
    /** The Markdown file's name in the output folder. */
    public static final String MARKDOWN_FILE = "soak.md";
    /** Header of the per-window table; tests and docs refer to its columns. */
    static final String WINDOWS_HEADER = "| window | from s | pods/s | requests | errors | degraded | "
            + "cycle p50 / p99 / max ms | max lag ms | heap after GC MiB | heap max MiB | GC pauses (ms) | "
            + "Locus CPU % | RSS MiB | load avg |";
    /** Header of the verdict table. */
    static final String VERDICT_HEADER = "| check | result | measured | limit |";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * How the soak ran.
     *
     * @param cluster         the synthetic cluster
     * @param mode            node mode ({@code names} or {@code nodes})
     * @param rate            pod cycles per second asked for
     * @param durationSeconds the whole run
     * @param windowSeconds   one window
     * @param httpTimeoutSeconds per call
     * @param filterBodyBytes one filter request body
     */
    public record Settings(ClusterSpec cluster, String mode, double rate, double durationSeconds, double windowSeconds,
                           double httpTimeoutSeconds, long filterBodyBytes) {
    }

    /** Writes {@code soak.json} and {@code soak.md} into {@code dir}; returns them. */
    public List<Path> write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve(JSON_FILE);
        MAPPER.writeValue(json.toFile(), this);
        Path md = dir.resolve(MARKDOWN_FILE);
        Files.writeString(md, markdown());
        return List.of(json, md);
    }

    /** Reads a report written by {@link #write(Path)}. */
    public static SoakReport read(Path file) throws IOException {
        return MAPPER.readValue(Files.readAllBytes(file), SoakReport.class);
    }

    /** The report as Markdown. */
    public String markdown() {
        Settings s = settings;
        SweepReport.Machine m = machine;
        StringBuilder md = new StringBuilder("# Locus soak report\n\n");
        md.append(String.format(Locale.ROOT, "%d nodes, %s mode (filter body %s KiB), one scheduler-like client at "
                        + "%s pods/s for %s s, windows of %s s (window 0 is warm-up, left out of the flatness checks). "
                        + "Machine: %d CPUs, %s GiB, %s, %s; load average at start / end: %s. Locus: %s.%n%n",
                s.cluster().nodes(), s.mode(), fmt(s.filterBodyBytes() / 1024.0), fmt(s.rate()),
                fmt(s.durationSeconds()), fmt(s.windowSeconds()), m.cpus(), fmt(m.memoryBytes() / 1073741824.0),
                m.jdk(), m.os(), String.join(" / ", m.loadAverage()), m.target()));
        md.append(table()).append('\n').append(verdictTable());
        return md.toString();
    }

    /** The per-window table. */
    public String table() {
        StringBuilder md = new StringBuilder(WINDOWS_HEADER).append('\n').append(WINDOWS_HEADER.replaceAll("[^|]+", "---"))
                .append('\n');
        for (SoakWindow w : windows) {
            md.append(String.format(Locale.ROOT, "| %d%s | %s | %s | %d | %s | %d | %s / %s / %s | %s | %s | %s | %d (%s) "
                            + "| %s | %s | %s |%n",
                    w.index(), w.warmup() ? " (warm-up)" : "", fmt(w.startSeconds()), fmt(w.podsPerSecond()),
                    w.requests(), errors(w), w.degraded(), fmt(w.cycle().p50Ms()), fmt(w.cycle().p99Ms()),
                    fmt(w.cycle().maxMs()), fmt(w.maxLagMs()), fmt(w.heapAfterGcBytes() / 1048576.0),
                    fmt(w.heapUsedMaxBytes() / 1048576.0), w.gcPauses(), fmt(w.gcPauseMs()), fmt(w.locusCpuPercent()),
                    w.rssBytes() < 0 ? "n/a" : fmt(w.rssBytes() / 1048576.0), w.loadAverage()));
        }
        return md.toString();
    }

    /** The verdict as a table, with the overall result first. */
    public String verdictTable() {
        StringBuilder md = new StringBuilder("**Verdict: ").append(verdict.pass() ? "flat" : "NOT flat")
                .append("**\n\n").append(VERDICT_HEADER).append('\n').append("|---|---|---|---|\n");
        for (SoakVerdict.Check c : verdict.checks()) {
            md.append("| ").append(c.name()).append(" | ").append(c.pass() ? "pass" : "FAIL").append(" | ")
                    .append(c.measured()).append(" | ").append(c.limit()).append(" |\n");
        }
        return md.toString();
    }

    private static String errors(SoakWindow w) {
        return w.errorCount() == 0 ? "0" : w.errors().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String fmt(double value) {
        return MarkdownReport.fmt(value);
    }
}
