package dev.locus.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Whether a soak stayed flat: no errors, the rate held, heap and latency did not drift. The
 * warm-up window (the first) is left out of every flatness check; errors count in every window.
 *
 * <p>The thresholds, and why. A 10-minute soak on a shared machine cannot see a slow leak or a
 * small latency drift through the noise, so each limit is set just above the noise measured on
 * a flat run, and the docs state them beside the result:
 * <ul>
 *   <li>heap-after-GC slope ≤ {@value #MAX_HEAP_SLOPE_MIB_PER_MIN} MiB/min, least squares over
 *       every steady sample: 10 MiB over a 10-minute run, ~1.4 GiB a day: a leak smaller than
 *       this needs a longer soak to show;</li>
 *   <li>heap after GC in the last steady window ≤ the first steady window's + max(
 *       {@value #HEAP_GROWTH_SLACK_MIB} MiB, {@value #HEAP_GROWTH_MAX_PERCENT} %): survivor
 *       churn moves it by a few MiB between windows;</li>
 *   <li>cycle p50 in the last steady window ≤ {@value #P50_MAX_RATIO} × the first's, or at most
 *       {@value #P50_SLACK_MS} ms more; p99 ≤ {@value #P99_MAX_RATIO} ×, or at most
 *       {@value #P99_SLACK_MS} ms more: below a millisecond or two, ratios measure the scheduler
 *       of a shared machine, not Locus;</li>
 *   <li>steady rate ≥ {@value #MIN_RATE_PERCENT} % of {@code --rate}: below it the load was not
 *       steady and the other checks do not mean what they say;</li>
 *   <li>zero errors, zero degraded answers, no unknown claims (Locus serves the generated cluster).</li>
 * </ul>
 *
 * @param pass   every check passed
 * @param checks each check, in a fixed order
 */
public record SoakVerdict(boolean pass, List<Check> checks) {

    /** Largest heap-after-GC growth rate over the steady windows, MiB per minute. */
    public static final double MAX_HEAP_SLOPE_MIB_PER_MIN = 1.0;
    /** Heap-after-GC growth from the first to the last steady window always allowed, MiB. */
    public static final double HEAP_GROWTH_SLACK_MIB = 16;
    /** Heap-after-GC growth from the first to the last steady window allowed, % of the first. */
    public static final double HEAP_GROWTH_MAX_PERCENT = 10;
    /** Largest last/first steady-window ratio of cycle p50. */
    public static final double P50_MAX_RATIO = 1.5;
    /** Cycle p50 growth always allowed, ms. */
    public static final double P50_SLACK_MS = 1.0;
    /** Largest last/first steady-window ratio of cycle p99. */
    public static final double P99_MAX_RATIO = 2.0;
    /** Cycle p99 growth always allowed, ms. */
    public static final double P99_SLACK_MS = 2.0;
    /** Smallest steady pods/s, % of {@code --rate}. */
    public static final double MIN_RATE_PERCENT = 95;

    /** Check names, in order; tests and docs use them. */
    public static final List<String> CHECKS = List.of("errors", "degraded", "unknown claims", "rate held",
            "heap slope", "heap last vs first", "p50 last vs first", "p99 last vs first");

    private static final double MIB = 1048576.0;

    /**
     * One check.
     *
     * @param name     one of {@link #CHECKS}
     * @param pass     whether it held
     * @param measured what the run showed
     * @param limit    the threshold
     */
    public record Check(String name, boolean pass, String measured, String limit) {
    }

    /**
     * Judges a run: {@code windows} in order (the first is warm-up), {@code heapSlopeMiBPerMin}
     * the least-squares slope of heap after GC over the steady samples (NaN with fewer than two),
     * {@code unknownClaims} the growth of {@code locus_unknown_locality_total} over the run.
     */
    public static SoakVerdict judge(List<SoakWindow> windows, double rate, double heapSlopeMiBPerMin, double unknownClaims) {
        List<SoakWindow> steady = windows.stream().filter(w -> !w.warmup()).toList();
        if (steady.size() < 2) {
            throw new IllegalArgumentException("a verdict needs two steady windows, got " + steady.size());
        }
        SoakWindow first = steady.get(0);
        SoakWindow last = steady.get(steady.size() - 1);
        List<Check> checks = new ArrayList<>();
        long errors = windows.stream().mapToLong(SoakWindow::errorCount).sum();
        checks.add(new Check("errors", errors == 0, Long.toString(errors), "0 (all windows)"));
        long degraded = windows.stream().mapToLong(SoakWindow::degraded).sum();
        checks.add(new Check("degraded", degraded == 0, Long.toString(degraded), "0 (all windows)"));
        checks.add(new Check("unknown claims", !(unknownClaims > 0), fmt(unknownClaims), "0"));
        double pods = steady.stream().mapToLong(SoakWindow::pods).sum();
        double seconds = steady.stream().mapToDouble(SoakWindow::seconds).sum();
        double held = pods / seconds;
        checks.add(new Check("rate held", held >= rate * MIN_RATE_PERCENT / 100, fmt(held) + " pods/s",
                "≥ " + fmt(rate * MIN_RATE_PERCENT / 100) + " pods/s"));
        checks.add(new Check("heap slope", heapSlopeMiBPerMin <= MAX_HEAP_SLOPE_MIB_PER_MIN,
                fmt(heapSlopeMiBPerMin) + " MiB/min", "≤ " + fmt(MAX_HEAP_SLOPE_MIB_PER_MIN) + " MiB/min"));
        double heapFirst = first.heapAfterGcBytes() / MIB;
        double heapLast = last.heapAfterGcBytes() / MIB;
        double heapLimit = heapFirst + Math.max(HEAP_GROWTH_SLACK_MIB, heapFirst * HEAP_GROWTH_MAX_PERCENT / 100);
        checks.add(new Check("heap last vs first", heapLast <= heapLimit,
                fmt(heapFirst) + " → " + fmt(heapLast) + " MiB", "≤ " + fmt(heapLimit) + " MiB"));
        checks.add(latency("p50 last vs first", first.cycle().p50Ms(), last.cycle().p50Ms(), P50_MAX_RATIO, P50_SLACK_MS));
        checks.add(latency("p99 last vs first", first.cycle().p99Ms(), last.cycle().p99Ms(), P99_MAX_RATIO, P99_SLACK_MS));
        return new SoakVerdict(checks.stream().allMatch(Check::pass), List.copyOf(checks));
    }

    private static Check latency(String name, double first, double last, double ratio, double slackMs) {
        double limit = Math.max(first * ratio, first + slackMs);
        return new Check(name, last <= limit, fmt(first) + " → " + fmt(last) + " ms", "≤ " + fmt(limit) + " ms");
    }

    /**
     * Least-squares slope of {@code y} over {@code x}; NaN with fewer than two distinct {@code x}.
     */
    static double slope(double[] x, double[] y) {
        int n = x.length;
        if (n < 2) {
            return Double.NaN;
        }
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i] / n;
            my += y[i] / n;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < n; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
        }
        return sxx == 0 ? Double.NaN : sxy / sxx;
    }

    private static String fmt(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.2f", value);
    }
}
