package dev.locus.load;

import java.util.Map;

/**
 * One window of a soak: the traffic the client saw and what Locus's metrics said over it.
 *
 * @param index          0-based; window 0 is the warm-up
 * @param startSeconds   seconds from the start of the run to the start of the window
 * @param seconds        the window's wall time (a cycle in flight at its end finishes inside it)
 * @param warmup         true for the warm-up window, which the verdict leaves out of the flatness checks
 * @param pods           pod cycles completed
 * @param requests       requests sent (filter + prioritize)
 * @param errors         failed requests by cause (http_NNN, timeout, transport, extender_error, bad_reply)
 * @param degraded       answers given without placement rules at Locus's request deadline
 *                       ({@code locus_deadline_exceeded_total} over the window)
 * @param podsPerSecond  pods / seconds: the rate the client held
 * @param cycle          pod-cycle latency (filter + prioritize), from the moment the filter was sent
 * @param maxLagMs       how far behind its schedule the client started a cycle at worst: 0 while
 *                       every cycle starts on time; large when Locus or the machine could not keep up
 * @param heapAfterGcBytes median over the window's samples of heap used minus eden (see {@link SoakProbe})
 * @param heapUsedMaxBytes highest heap used sampled in the window, garbage included
 * @param heapSamples    metrics samples in the window (one a second)
 * @param gcPauses       GC pauses in the window ({@code jvm_gc_pause_seconds_count})
 * @param gcPauseMs      total GC pause time in the window, milliseconds
 * @param locusCpuPercent Locus CPU over the window, % of one core; NaN when unknown
 * @param rssBytes       Locus's resident set size at the end of the window; -1 when unknown (no pid)
 * @param loadAverage    the machine's 1/5/15-minute load averages at the end of the window
 */
public record SoakWindow(int index, double startSeconds, double seconds, boolean warmup, long pods, long requests,
                         Map<String, Long> errors, long degraded, double podsPerSecond, LatencyStats cycle,
                         double maxLagMs, double heapAfterGcBytes, double heapUsedMaxBytes, int heapSamples,
                         long gcPauses, double gcPauseMs, double locusCpuPercent, long rssBytes, String loadAverage) {

    /** Failed requests of all causes. */
    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
