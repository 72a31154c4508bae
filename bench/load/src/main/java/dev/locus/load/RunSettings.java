package dev.locus.load;

import java.time.Duration;

/**
 * How long and how hard one point runs. Every bound is hard: a point ends at the first of
 * duration, request cap or byte cap, and no call waits longer than the HTTP timeout.
 *
 * @param concurrency clients, each one keep-alive connection with one call in flight; 1..64
 *                    (one kube-scheduler makes one call at a time: its scheduling cycle is serial)
 * @param warmup      unmeasured traffic before the window, so the JIT has compiled the hot path; 0..60 s
 * @param duration    measured window; 100 ms..300 s
 * @param maxRequests requests per point, warm-up included; 1..10,000,000
 * @param maxBytes    request bytes per point, warm-up included; 1 KiB..64 GiB
 * @param httpTimeout per-call timeout; kube-scheduler's default {@code httpTimeout} is 5 s
 *                    and a slower reply fails its cycle, so the tool counts it as an error too
 */
public record RunSettings(int concurrency, Duration warmup, Duration duration, long maxRequests, long maxBytes,
                          Duration httpTimeout) {

    /** Largest measured window, so a typo cannot start an hour-long run. */
    public static final Duration MAX_DURATION = Duration.ofSeconds(300);

    /** Validates every field; a bad value names its command-line flag. */
    public RunSettings {
        check(concurrency >= 1 && concurrency <= 64, "--concurrency values must be in 1..64, got " + concurrency);
        check(!warmup.isNegative() && warmup.compareTo(Duration.ofSeconds(60)) <= 0,
                "--warmup must be in 0..60s, got " + warmup);
        check(duration.compareTo(Duration.ofMillis(100)) >= 0 && duration.compareTo(MAX_DURATION) <= 0,
                "--duration must be in 100ms..300s, got " + duration);
        check(maxRequests >= 1 && maxRequests <= 10_000_000, "--max-requests must be in 1..10000000, got " + maxRequests);
        check(maxBytes >= 1024 && maxBytes <= 64L << 30, "--max-bytes must be in 1KiB..64GiB, got " + maxBytes);
        check(httpTimeout.compareTo(Duration.ofMillis(10)) >= 0 && httpTimeout.compareTo(Duration.ofSeconds(60)) <= 0,
                "--http-timeout must be in 10ms..60s, got " + httpTimeout);
    }

    /** These settings at another concurrency. */
    public RunSettings withConcurrency(int value) {
        return new RunSettings(value, warmup, duration, maxRequests, maxBytes, httpTimeout);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
