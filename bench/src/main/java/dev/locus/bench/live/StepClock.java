package dev.locus.bench.live;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Wall and current-thread CPU time of one step, for the ad-hoc measuring tools
 * ({@link LiveFootprint}, {@link RelistTime}). The CPU figure leaves out other processes'
 * load and the GC threads, so on a shared machine it is the one to compare.
 */
final class StepClock {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final long wall = System.nanoTime();
    private final long cpu = THREADS.getCurrentThreadCpuTime();
    private long wallEnd;
    private long cpuEnd;

    void stop() {
        wallEnd = System.nanoTime();
        cpuEnd = THREADS.getCurrentThreadCpuTime();
    }

    @Override
    public String toString() {
        return format(wallEnd - wall, cpuEnd - cpu);
    }

    private static String format(long wallNanos, long cpuNanos) {
        return String.format(Locale.ROOT, "%6d ms / %6d ms", wallNanos / 1_000_000, cpuNanos / 1_000_000);
    }

    /** The total of several steps. */
    static final class Sum {
        private long wall;
        private long cpu;

        Sum add(StepClock clock) {
            wall += clock.wallEnd - clock.wall;
            cpu += clock.cpuEnd - clock.cpu;
            return this;
        }

        @Override
        public String toString() {
            return format(wall, cpu);
        }
    }
}
