package dev.locus.load;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Runs one point: {@code concurrency} scheduler-like clients in a closed loop (each starts its
 * next cycle when the last one ends, as a scheduler does) against one Locus, a warm-up, then a
 * measured window, then a stop at the first of duration, request cap or byte cap.
 *
 * <p>Closed-loop load cannot show queueing beyond its own concurrency (coordinated omission):
 * the latencies are what {@code concurrency} schedulers calling back to back would see, not
 * what an open stream of arrivals at the same rate would.
 */
public final class LoadRunner {

    private LoadRunner() {
    }

    /** Runs one point against {@code base} and measures Locus through {@code probe}. */
    public static RunResult run(URI base, ExtenderRequests bodies, RunSettings settings, LocusProbe probe) {
        Loopback.require(base);
        Budget budget = new Budget(settings.maxRequests(), settings.maxBytes());
        List<SchedulerClient> clients = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        AtomicLong nextPod = new AtomicLong();
        CountDownLatch stopped = new CountDownLatch(1);
        Window window = new Window();
        for (int i = 0; i < settings.concurrency(); i++) {
            SchedulerClient client = new SchedulerClient(base, bodies, settings.httpTimeout(), budget);
            clients.add(client);
            Thread thread = new Thread(() -> {
                while (budget.stoppedBy() == null) {
                    client.cycle((int) (nextPod.getAndIncrement() % bodies.pods()), window.measuring);
                }
                stopped.countDown();
            }, "scheduler-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        long cpu0;
        long start;
        try {
            stopped.await(settings.warmup().toMillis(), TimeUnit.MILLISECONDS);
            probe.start();
            cpu0 = processCpuNanos();
            start = System.nanoTime();
            window.measuring = true;
            if (!stopped.await(settings.duration().toMillis(), TimeUnit.MILLISECONDS)) {
                budget.stop("duration");
            }
            window.measuring = false;
            for (Thread thread : threads) {
                thread.join(settings.httpTimeout().toMillis() * 2 + 1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            budget.stop("interrupted");
            throw new IllegalStateException("load run interrupted", e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        LocusProbe.Usage usage = probe.finish();
        double loadCpu = (processCpuNanos() - cpu0) / 1e9;
        return result(bodies, settings, clients, seconds, usage, loadCpu, budget.stoppedBy());
    }

    /** Set once warm-up is over; read by every client before each cycle. */
    private static final class Window {
        volatile boolean measuring;
    }

    private static RunResult result(ExtenderRequests bodies, RunSettings settings, List<SchedulerClient> clients,
                                    double seconds, LocusProbe.Usage usage, double loadCpu, String stoppedBy) {
        Histogram filter = new Histogram(SchedulerClient.MAX_MICROS, 3);
        Histogram prioritize = new Histogram(SchedulerClient.MAX_MICROS, 3);
        Histogram cycle = new Histogram(SchedulerClient.MAX_MICROS, 3);
        Map<String, Long> errors = new TreeMap<>();
        long requests = 0;
        long pods = 0;
        long sent = 0;
        long received = 0;
        long filterBytes = 0;
        for (SchedulerClient client : clients) {
            filter.add(client.filter);
            prioritize.add(client.prioritize);
            cycle.add(client.cycle);
            client.errors.forEach((cause, n) -> errors.merge(cause, n, Long::sum));
            requests += client.requests;
            pods += client.pods;
            sent += client.requestBytes;
            received += client.responseBytes;
            filterBytes += client.filterBodyBytes;
        }
        double cpu = usage.cpuSeconds();
        return new RunResult(bodies.offered().size(), bodies.mode().flag(), settings.concurrency(), round(seconds, 3),
                requests, pods, Map.copyOf(errors), usage.degradedAnswers(), round(requests / seconds, 1), round(pods / seconds, 1),
                LatencyStats.of(filter), LatencyStats.of(prioritize), LatencyStats.of(cycle),
                Math.round(sent / seconds), Math.round(received / seconds), pods == 0 ? 0 : filterBytes / pods,
                round(cpu, 3), requests == 0 ? Double.NaN : round(cpu * 1000 / requests, 4),
                pods == 0 ? Double.NaN : round(cpu * 1000 / pods, 4), usage.peakHeapBytes(), round(loadCpu, 3),
                stoppedBy == null ? "duration" : stoppedBy);
    }

    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    static double round(double value, int digits) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return value;
        }
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }
}
