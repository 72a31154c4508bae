package dev.locus.load;

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
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples a Locus under a soak from its {@code /metrics} every {@link LocusProbe#SAMPLE_PERIOD}
 * and keeps every sample, so a window's heap is read from the samples inside it and its
 * counters from the samples at its two ends.
 *
 * <p>Heap after GC. Locus exports no post-collection heap for young collections
 * ({@code jvm_gc_live_data_size_bytes} moves only after a major GC, which a modest load may
 * never trigger), so the probe reads it from the pools: heap used minus the young-generation
 * eden ({@code jvm_memory_used_bytes{area="heap"}} without the {@link #EDEN_POOLS}). Eden
 * is empty right after a young collection and the old generation and survivors only change
 * at a collection (or with a humongous allocation), so at any instant this is the heap the
 * last collection left, within a few MiB of survivor churn. It includes old-generation
 * garbage not yet collected by a mixed or full GC; a collector without an eden pool (ZGC,
 * Shenandoah) reports heap used instead.
 */
final class SoakProbe implements AutoCloseable {

    /** Young-generation eden pools of the collectors that have one (G1, Parallel, Serial, CMS). */
    static final List<String> EDEN_POOLS = List.of("G1 Eden Space", "PS Eden Space", "Eden Space", "Par Eden Space");

    /**
     * One reading of Locus's metrics; NaN where Locus does not export the value.
     *
     * @param nanos          {@link System#nanoTime()} of the reading
     * @param heapUsed       {@code jvm_memory_used_bytes{area="heap"}}, all pools
     * @param heapAfterGc    heap used minus eden: what the last collection left
     * @param cpuSeconds     {@code process_cpu_time_ns_total} / 1e9
     * @param degraded       {@code locus_deadline_exceeded_total}, all verbs (0 when not yet exported)
     * @param gcPauses       {@code jvm_gc_pause_seconds_count}, all collectors (0 before the first)
     * @param gcPauseSeconds {@code jvm_gc_pause_seconds_sum}
     * @param unknownClaims  {@code locus_unknown_locality_total}
     */
    record Sample(long nanos, double heapUsed, double heapAfterGc, double cpuSeconds, double degraded, double gcPauses,
                  double gcPauseSeconds, double unknownClaims) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI metrics;
    private final long pid;
    private final List<Sample> samples = new ArrayList<>();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "soak-probe");
        thread.setDaemon(true);
        return thread;
    });

    /** A probe of the Locus at {@code base}, sampling from now on; {@code pid} is its process id, or -1. */
    SoakProbe(URI base, long pid) {
        this.metrics = base.resolve("/metrics");
        this.pid = pid;
        long period = LocusProbe.SAMPLE_PERIOD.toMillis();
        sampler.scheduleAtFixedRate(this::sample, period, period, TimeUnit.MILLISECONDS);
    }

    /** Reads the metrics now and keeps the reading; empty when {@code /metrics} does not answer. */
    Optional<Sample> sample() {
        Optional<Sample> sample = scrape().map(text -> parse(text, System.nanoTime()));
        sample.ifPresent(s -> {
            synchronized (samples) {
                samples.add(s);
            }
        });
        return sample;
    }

    /** The samples taken in {@code [from, to]} ({@link System#nanoTime()}), in time order. */
    List<Sample> between(long from, long to) {
        synchronized (samples) {
            return samples.stream().filter(s -> s.nanos() >= from && s.nanos() <= to)
                    .sorted(java.util.Comparator.comparingLong(Sample::nanos)).toList();
        }
    }

    /** Resident set size of Locus (VmRSS of /proc/PID/status), bytes; -1 without a pid or /proc. */
    long rssBytes() {
        if (pid <= 0) {
            return -1;
        }
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The sample in a metrics text taken at {@code nanos}. */
    static Sample parse(String text, long nanos) {
        double heap = value(text, "jvm_memory_used_bytes", Map.of("area", "heap"), Double.NaN);
        double eden = 0;
        for (String pool : EDEN_POOLS) {
            eden += value(text, "jvm_memory_used_bytes", Map.of("area", "heap", "id", pool), 0);
        }
        return new Sample(nanos, heap, heap - eden,
                value(text, "process_cpu_time_ns_total", Map.of(), Double.NaN) / 1e9,
                value(text, "locus_deadline_exceeded_total", Map.of(), 0),
                value(text, "jvm_gc_pause_seconds_count", Map.of(), 0),
                value(text, "jvm_gc_pause_seconds_sum", Map.of(), 0),
                value(text, "locus_unknown_locality_total", Map.of(), Double.NaN));
    }

    private static double value(String text, String metric, Map<String, String> labels, double absent) {
        OptionalDouble sum = PrometheusText.sum(text, metric, labels);
        return sum.isPresent() ? sum.getAsDouble() : absent;
    }

    private Optional<String> scrape() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
