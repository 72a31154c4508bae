package dev.locus.load;

import java.util.Map;

/**
 * One measured point: a cluster size, a node mode and a concurrency, after warm-up.
 *
 * @param nodes                 nodes offered per filter request
 * @param mode                  node mode ({@code names} or {@code nodes})
 * @param concurrency           scheduler-like clients, each with one keep-alive connection and one call in flight
 * @param seconds               measured wall time
 * @param requests              measured requests (filter + prioritize)
 * @param pods                  measured scheduling cycles (a filter, then a prioritize when ≥ 2 nodes passed)
 * @param errors                failed requests by cause (http_NNN, timeout, transport, extender_error, bad_reply)
 * @param degraded              answers Locus gave without its placement rules because its request deadline
 *                              ({@code server.requestDeadlineMillis}) passed: {@code locus_deadline_exceeded_total}
 * @param requestsPerSecond     requests / seconds
 * @param podsPerSecond         pods / seconds
 * @param filter                filter call latency
 * @param prioritize            prioritize call latency
 * @param cycle                 filter + prioritize latency of one pod: what a scheduling cycle waits for Locus
 * @param requestBytesPerSecond request body bytes sent per second
 * @param responseBytesPerSecond reply body bytes received per second
 * @param filterBodyBytes       size of one filter request body, bytes (mean)
 * @param locusCpuSeconds       CPU seconds Locus used in the window (NaN when unknown)
 * @param cpuSecondsPer1000Requests Locus CPU seconds per 1000 requests
 * @param cpuMillisPerPod       Locus CPU milliseconds per pod (filter + prioritize)
 * @param peakHeapBytes         highest Locus heap sample in the window
 * @param loadCpuSeconds        CPU seconds the load generator itself used (it shares the machine)
 * @param stoppedBy             what ended the point: duration, max-requests or max-bytes
 */
public record RunResult(int nodes, String mode, int concurrency, double seconds, long requests, long pods,
                        Map<String, Long> errors, long degraded, double requestsPerSecond, double podsPerSecond,
                        LatencyStats filter, LatencyStats prioritize, LatencyStats cycle,
                        double requestBytesPerSecond, double responseBytesPerSecond, long filterBodyBytes,
                        double locusCpuSeconds, double cpuSecondsPer1000Requests, double cpuMillisPerPod,
                        long peakHeapBytes, double loadCpuSeconds, String stoppedBy) {

    /** Failed requests of all causes. */
    public long errorCount() {
        return errors.values().stream().mapToLong(Long::longValue).sum();
    }
}
