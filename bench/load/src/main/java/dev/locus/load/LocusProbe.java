package dev.locus.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches the Locus under load from the outside, so its CPU and heap are told apart from the
 * load generator's: CPU seconds from {@code process_cpu_time_ns_total} on {@code /metrics}
 * (else {@code /proc/PID/stat} when Locus is our child), heap as the sum of
 * {@code jvm_memory_used_bytes{area="heap"}}, sampled every {@link #SAMPLE_PERIOD} — so the
 * peak is the highest sample, and a spike shorter than the period can be missed.
 */
public final class LocusProbe implements AutoCloseable {

    /**
     * Heap sampling period. A scrape costs Locus ~7 ms of CPU (measured warm, 1000-node cluster),
     * so once a second adds ~0.7 % of a core to the CPU figures; faster sampling would catch
     * shorter heap peaks but skew CPU per pod at low rates.
     */
    public static final Duration SAMPLE_PERIOD = Duration.ofSeconds(1);

    /** Clock ticks per second in /proc/PID/stat (USER_HZ, 100 on Linux x86 and arm64). */
    static final double USER_HZ = 100;

    /** CPU, heap and degraded answers of Locus over one measured window. */
    public record Usage(double cpuSeconds, long peakHeapBytes, int heapSamples, long degradedAnswers) {
    }

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI metrics;
    private final long pid;
    private final AtomicLong peakHeap = new AtomicLong();
    private final AtomicLong samples = new AtomicLong();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "locus-probe");
        thread.setDaemon(true);
        return thread;
    });
    private double cpuAtStart;
    private double degradedAtStart;

    /** A probe of the Locus at {@code base}; {@code pid} is its process id when it is our child, else -1. */
    public LocusProbe(URI base, long pid) {
        this.metrics = base.resolve("/metrics");
        this.pid = pid;
        sampler.scheduleAtFixedRate(this::sampleHeap, 0, SAMPLE_PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts a measured window: remembers the CPU time and restarts the heap peak. */
    public void start() {
        peakHeap.set(0);
        samples.set(0);
        cpuAtStart = cpuSeconds();
        degradedAtStart = degradedAnswers();
        sampleHeap();
    }

    /** Ends the window started by {@link #start()}. CPU seconds are NaN when neither source is available. */
    public Usage finish() {
        sampleHeap();
        return new Usage(cpuSeconds() - cpuAtStart, peakHeap.get(), (int) samples.get(),
                Math.round(degradedAnswers() - degradedAtStart));
    }

    /** Answers given without placement rules so far ({@code locus_deadline_exceeded_total}, all verbs); 0 if none. */
    double degradedAnswers() {
        return scrape().map(t -> PrometheusText.sum(t, "locus_deadline_exceeded_total", Map.of()))
                .filter(OptionalDouble::isPresent).map(OptionalDouble::getAsDouble).orElse(0.0);
    }

    /** Locus's CPU time so far, seconds; NaN when unknown. */
    double cpuSeconds() {
        OptionalDouble nanos = scrape().map(t -> PrometheusText.sum(t, "process_cpu_time_ns_total", Map.of()))
                .orElse(OptionalDouble.empty());
        if (nanos.isPresent()) {
            return nanos.getAsDouble() / 1e9;
        }
        return pid > 0 ? procCpuSeconds(pid) : Double.NaN;
    }

    /**
     * Claims Locus could not place so far ({@code locus_unknown_locality_total}); NaN when not
     * exported. Growth during a sweep means Locus is not serving the generated cluster.
     */
    public double unknownClaims() {
        return scrape().map(t -> PrometheusText.sum(t, "locus_unknown_locality_total", Map.of()))
                .filter(OptionalDouble::isPresent).map(OptionalDouble::getAsDouble).orElse(Double.NaN);
    }

    private synchronized void sampleHeap() {
        scrape().map(t -> PrometheusText.sum(t, "jvm_memory_used_bytes", Map.of("area", "heap")))
                .filter(OptionalDouble::isPresent)
                .ifPresent(heap -> {
                    peakHeap.accumulateAndGet((long) heap.getAsDouble(), Math::max);
                    samples.incrementAndGet();
                });
    }

    private java.util.Optional<String> scrape() {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(5))
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? java.util.Optional.of(response.body()) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    /** utime + stime of a process from /proc/PID/stat, seconds; NaN when unreadable. */
    static double procCpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / USER_HZ;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
