package dev.locus.load;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * A soak: one cluster, one Locus, one kube-scheduler-like client starting pod cycles at a fixed
 * rate for a fixed time, measured window by window, then a {@link SoakVerdict}.
 *
 * <p>The load is open loop at a modest rate: cycle i is due at {@code start + i / rate}; the
 * client waits for it, or starts at once when it is late (and records how late as the window's
 * lag), so a slow answer delays the next cycles but does not lower the rate held unless Locus
 * or the machine falls more than {@link #MAX_BACKLOG} behind. One client, one keep-alive connection, one call
 * in flight: one scheduler, whose scheduling cycle is serial. Latency is measured from the
 * moment each filter is sent; the lag column shows any queueing before it.
 */
public final class Soak {

    /**
     * Most schedule a late client makes up: after a stall it starts the missed cycles back to
     * back for at most this long, and drops the rest, so a stall of Locus (or of the machine)
     * lowers the rate held (see the verdict's "rate held") instead of ending in a burst of many
     * times the rate. One second: a GC pause or a busy neighbour is made up, an outage is not.
     */
    static final Duration MAX_BACKLOG = Duration.ofSeconds(1);

    private Soak() {
    }

    /** Runs a soak against {@code target} on the cluster of {@code spec}; writes manifests and Locus's log under {@code out}. */
    public static SoakReport run(SoakSettings settings, ClusterSpec spec, NodeMode mode, Sweep.Target target, Path out,
                                 PrintStream log) throws IOException {
        SyntheticCluster cluster = SyntheticCluster.generate(spec);
        Path manifests = out.resolve("cluster");
        ManifestWriter.write(cluster, manifests);
        ExtenderRequests bodies = ExtenderRequests.build(cluster, mode);
        String loadAtStart = MachineInfo.loadAverage();
        log.printf(Locale.ROOT, "soak: %d nodes, %s mode, %s pods/s for %s s in %d windows of %s s (window 0: warm-up)%n",
                spec.nodes(), mode.flag(), MarkdownReport.fmt(settings.rate()),
                MarkdownReport.fmt(settings.duration().toMillis() / 1000.0), settings.windows(),
                MarkdownReport.fmt(settings.window().toMillis() / 1000.0));
        List<SoakWindow> windows = new ArrayList<>();
        double slope;
        double unknown;
        long pid;
        try (Sweep.Running locus = target.start(manifests, out.resolve("locus.log"));
             SoakProbe probe = new SoakProbe(locus.url(), locus.pid())) {
            pid = locus.pid();
            SoakProbe.Sample atStart = probe.sample().orElseThrow(() -> new IOException(
                    "no /metrics from Locus at " + locus.url()));
            long start = drive(settings, new SchedulerClient(locus.url(), bodies, settings.httpTimeout(),
                    new Budget(Long.MAX_VALUE, Long.MAX_VALUE)), probe, atStart, windows, log);
            List<SoakProbe.Sample> all = probe.between(start, Long.MAX_VALUE);
            slope = heapSlope(probe.between(start + settings.window().toNanos(), Long.MAX_VALUE), start);
            SoakProbe.Sample atEnd = all.isEmpty() ? atStart : all.get(all.size() - 1);
            unknown = atEnd.unknownClaims() - atStart.unknownClaims();
        }
        SweepReport.Machine machine = new SweepReport.Machine(Runtime.getRuntime().availableProcessors(),
                MachineInfo.memoryBytes(), MachineInfo.jdk(), MachineInfo.os(),
                List.of(loadAtStart, MachineInfo.loadAverage()), target.describe(), Instant.now().toString());
        SoakReport.Settings recorded = new SoakReport.Settings(spec, mode.flag(), settings.rate(),
                settings.duration().toMillis() / 1000.0, settings.window().toMillis() / 1000.0,
                settings.httpTimeout().toMillis() / 1000.0, bodies.filter(0).length());
        return new SoakReport(machine, recorded, pid, windows,
                SoakVerdict.judge(windows, settings.rate(), slope, unknown));
    }

    /** Paces the client window by window; returns the run's start ({@link System#nanoTime()}). */
    private static long drive(SoakSettings s, SchedulerClient client, SoakProbe probe, SoakProbe.Sample atStart,
                              List<SoakWindow> windows, PrintStream log) {
        long interval = Math.round(1e9 / s.rate());
        long windowNanos = s.window().toNanos();
        long start = System.nanoTime();
        long due = start;
        long windowStart = start;
        long maxLag = 0;
        SoakProbe.Sample before = atStart;
        int pod = 0;
        while (windows.size() < s.windows()) {
            long now = System.nanoTime();
            long windowEnd = start + (windows.size() + 1) * windowNanos;
            if (now >= windowEnd) {
                SoakProbe.Sample after = probe.sample().orElse(before);
                long end = System.nanoTime(); // after the closing sample, so the window holds it
                SoakWindow w = window(windows.size(), start, windowStart, end, client, probe, before, after, maxLag);
                windows.add(w);
                log.println(line(w));
                client.reset();
                before = after;
                windowStart = end;
                maxLag = 0;
            } else if (due > now) {
                LockSupport.parkNanos(Math.min(due, windowEnd) - now);
            } else {
                maxLag = Math.max(maxLag, now - due);
                client.cycle(pod, true);
                pod = (pod + 1) % client.pods();
                due = Math.max(due + interval, now - MAX_BACKLOG.toNanos());
            }
        }
        return start;
    }

    private static SoakWindow window(int index, long runStart, long from, long to, SchedulerClient client,
                                     SoakProbe probe, SoakProbe.Sample before, SoakProbe.Sample after, long maxLag) {
        double seconds = (to - from) / 1e9;
        List<SoakProbe.Sample> inside = probe.between(from, to);
        double[] afterGc = inside.stream().mapToDouble(SoakProbe.Sample::heapAfterGc).filter(v -> !Double.isNaN(v))
                .sorted().toArray();
        double heapMax = inside.stream().mapToDouble(SoakProbe.Sample::heapUsed).filter(v -> !Double.isNaN(v))
                .max().orElse(Double.NaN);
        Histogram cycle = client.cycle;
        Map<String, Long> errors = new TreeMap<>(client.errors);
        return new SoakWindow(index, round((from - runStart) / 1e9), round(seconds), index == 0, client.pods,
                client.requests, errors, Math.round(after.degraded() - before.degraded()),
                round(client.pods / seconds), LatencyStats.of(cycle), round(maxLag / 1e6),
                afterGc.length == 0 ? Double.NaN : afterGc[afterGc.length / 2], heapMax, afterGc.length,
                Math.round(after.gcPauses() - before.gcPauses()),
                round((after.gcPauseSeconds() - before.gcPauseSeconds()) * 1000),
                round((after.cpuSeconds() - before.cpuSeconds()) / seconds * 100), probe.rssBytes(),
                MachineInfo.loadAverage());
    }

    /** Least-squares slope of heap after GC, MiB per minute of the run, over {@code samples}. */
    static double heapSlope(List<SoakProbe.Sample> samples, long runStart) {
        List<SoakProbe.Sample> known = samples.stream().filter(s -> !Double.isNaN(s.heapAfterGc())).toList();
        double[] minutes = known.stream().mapToDouble(s -> (s.nanos() - runStart) / 60e9).toArray();
        double[] mib = known.stream().mapToDouble(s -> s.heapAfterGc() / 1048576.0).toArray();
        return round(SoakVerdict.slope(minutes, mib));
    }

    /** One console line per window. */
    static String line(SoakWindow w) {
        return String.format(Locale.ROOT, "window %2d%s %6.1f pods/s  cycle p50 %6.2f ms  p99 %7.2f ms  max %7.2f ms  "
                        + "lag %6.1f ms  errors %d  degraded %d  heap after GC %6.1f MiB  GC %d (%.0f ms)  load %s",
                w.index(), w.warmup() ? "*" : " ", w.podsPerSecond(), w.cycle().p50Ms(), w.cycle().p99Ms(),
                w.cycle().maxMs(), w.maxLagMs(), w.errorCount(), w.degraded(), w.heapAfterGcBytes() / 1048576.0,
                w.gcPauses(), w.gcPauseMs(), w.loadAverage());
    }

    private static double round(double value) {
        return LoadRunner.round(value, 3);
    }
}
