package dev.locus.load;

import org.HdrHistogram.Histogram;

/**
 * Latency percentiles of one kind of call, milliseconds, from an HdrHistogram of microseconds
 * (3 significant digits: each value within 0.1 %).
 *
 * @param count calls recorded
 */
public record LatencyStats(long count, double meanMs, double p50Ms, double p90Ms, double p99Ms, double maxMs) {

    /** The stats of a histogram recorded in microseconds. */
    public static LatencyStats of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new LatencyStats(0, 0, 0, 0, 0, 0);
        }
        return new LatencyStats(micros.getTotalCount(), ms(micros.getMean()),
                ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(90)),
                ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()));
    }

    private static double ms(double micros) {
        return Math.round(micros) / 1000.0;
    }
}
