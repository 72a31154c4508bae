package dev.locus.load;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything one sweep measured, as written to {@code capacity.json} and read back by
 * {@code locus-load report}: the machine, the settings, the clusters, every point and the
 * sizing table. Markdown and charts are rendered from this alone.
 *
 * @param machine     where it ran
 * @param settings    how it ran
 * @param clusters    the synthetic clusters, one per node count
 * @param runs        every measured point, in run order
 * @param assumptions the sizing model's assumptions
 * @param sizing      the sizing table
 * @param notes       points skipped and why, and other remarks
 */
public record SweepReport(Machine machine, Settings settings, List<Cluster> clusters, List<RunResult> runs,
                          SizingTable.Assumptions assumptions, List<SizingTable.Row> sizing, List<String> notes) {

    /** File names inside the output folder. */
    public static final String JSON_FILE = "capacity.json";
    /** The Markdown report's file name. */
    public static final String MARKDOWN_FILE = "capacity.md";

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    /**
     * The machine the numbers were taken on.
     *
     * @param cpus           processors the JVM sees ({@code nproc})
     * @param memoryBytes    MemTotal from /proc/meminfo, 0 when unknown
     * @param jdk            java.vm.name and java.runtime.version
     * @param os             os.name, os.version, os.arch
     * @param loadAverage    /proc/loadavg at the start and at the end of the sweep
     * @param target         the Locus measured: "child process" with its launcher, or the URL
     * @param generatedAt    when the sweep ended, ISO-8601
     */
    public record Machine(int cpus, long memoryBytes, String jdk, String os, List<String> loadAverage, String target,
                          String generatedAt) {
    }

    /**
     * The sweep's settings (cluster settings are per cluster).
     *
     * @param nodes          node counts swept
     * @param modes          node modes swept
     * @param concurrency    concurrencies swept
     * @param nodesModeMaxNodes largest node count run in Nodes mode
     */
    public record Settings(List<Integer> nodes, List<String> modes, List<Integer> concurrency, int nodesModeMaxNodes,
                           double warmupSeconds, double durationSeconds, long maxRequests, long maxBytes,
                           double httpTimeoutSeconds, List<Double> targetPodsPerSecond) {
    }

    /**
     * One synthetic cluster.
     *
     * @param spec              how it was drawn
     * @param manifestBytes     size of its manifests
     * @param namesFilterBytes  one NodeNames-mode filter body, bytes
     * @param nodesFilterBytes  one Nodes-mode filter body, bytes; 0 when Nodes mode was not run
     */
    public record Cluster(ClusterSpec spec, long manifestBytes, long namesFilterBytes, long nodesFilterBytes) {
    }

    /** Writes this report as indented JSON. */
    public void write(Path file) throws IOException {
        MAPPER.writeValue(file.toFile(), this);
    }

    /** Reads a report written by {@link #write(Path)}. */
    public static SweepReport read(Path file) throws IOException {
        return MAPPER.readValue(Files.readAllBytes(file), SweepReport.class);
    }

    /** Renders the Markdown report and the charts into {@code dir}; returns the files written. */
    public List<Path> render(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> charts = CapacityCharts.write(this, dir);
        Path markdown = dir.resolve(MARKDOWN_FILE);
        Files.writeString(markdown, MarkdownReport.render(this, charts.stream().map(p -> p.getFileName().toString())
                .toList()));
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(markdown), charts.stream()).toList();
    }
}
