package dev.locus.load;

import java.time.Duration;

/**
 * How a soak runs: one scheduler-like client starting pod cycles at a fixed rate for a fixed
 * time, measured in equal windows. Every bound is hard: the run ends at {@code duration}, and
 * no call waits longer than the HTTP timeout.
 *
 * @param rate        pod cycles started per second (a cycle is a filter, then a prioritize when at
 *                    least two nodes passed: about two requests); 0.1..1000. Modest on purpose: a soak
 *                    looks for drift at steady load, not for the saturation point the sweep finds
 * @param duration    whole run, warm-up window included; a whole number of windows, at least three
 *                    (one warm-up window and two steady ones to compare), at most {@link #MAX_DURATION}
 * @param window      measuring window: latency percentiles, heap and GC per window; 1 s..1 h
 * @param httpTimeout per-call timeout; a slower reply is an error, as in kube-scheduler (5 s default)
 */
public record SoakSettings(double rate, Duration duration, Duration window, Duration httpTimeout) {

    /** Longest soak: half a day, so a typo cannot start a run that outlives the machine's other work. */
    public static final Duration MAX_DURATION = Duration.ofHours(12);

    /** Windows a run needs: the first is warm-up (JIT, caches), then at least two steady ones to compare. */
    public static final int MIN_WINDOWS = 3;

    /** Validates every field; a bad value names its command-line flag. */
    public SoakSettings {
        check(rate >= 0.1 && rate <= 1000, "--rate must be in 0.1..1000 pods/s, got " + rate);
        check(window.compareTo(Duration.ofSeconds(1)) >= 0 && window.compareTo(Duration.ofHours(1)) <= 0,
                "--window must be in 1s..60m, got " + window);
        check(!duration.isNegative() && duration.compareTo(MAX_DURATION) <= 0,
                "--duration must be at most " + MAX_DURATION.toHours() + "h, got " + duration);
        check(duration.toMillis() % window.toMillis() == 0,
                "--duration must be a whole number of --window (" + window + "), got " + duration);
        check(duration.toMillis() / window.toMillis() >= MIN_WINDOWS, "--duration must be at least " + MIN_WINDOWS
                + " windows (one warm-up, two steady to compare) of --window " + window + ", got " + duration);
        check(httpTimeout.compareTo(Duration.ofMillis(10)) >= 0 && httpTimeout.compareTo(Duration.ofSeconds(60)) <= 0,
                "--http-timeout must be in 10ms..60s, got " + httpTimeout);
    }

    /** Windows in the run, warm-up included. */
    public int windows() {
        return (int) (duration.toMillis() / window.toMillis());
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
