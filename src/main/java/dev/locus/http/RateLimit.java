package dev.locus.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * At most one warning per interval: an overloaded or misconfigured Locus must not also flood
 * its log. The occurrences in between are counted, and the next warning says how many.
 * Thread-safe.
 */
final class RateLimit {

    private final long intervalNanos;
    private final AtomicLong last;
    private final AtomicLong skipped = new AtomicLong();

    RateLimit(Duration interval) {
        this.intervalNanos = interval.toNanos();
        this.last = new AtomicLong(System.nanoTime() - intervalNanos);
    }

    /**
     * One occurrence: the number of occurrences skipped since the last warning when this one
     * is to be logged (0 or more), or -1 when it is skipped (and counted).
     */
    long occurrence() {
        long now = System.nanoTime();
        long previous = last.get();
        if (now - previous >= intervalNanos && last.compareAndSet(previous, now)) {
            return skipped.getAndSet(0);
        }
        skipped.incrementAndGet();
        return -1;
    }

    /** The tail of a warning that followed {@code skipped} unlogged ones: empty, or how many and where to count them. */
    static String skippedNote(long skipped, String metric) {
        return skipped == 0 ? "" : " (" + skipped + " more since the last warning; see " + metric + ")";
    }
}
