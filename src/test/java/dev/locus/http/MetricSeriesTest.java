package dev.locus.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.testing.Fixtures;
import dev.locus.testing.RunningLocus;
import org.junit.jupiter.api.Test;

/** Counters an alert is written against exist at 0 before the first event, so rate() sees them. */
class MetricSeriesTest {

    @Test
    void errorAndDeadlineCountersStartAtZero() {
        try (RunningLocus locus = new RunningLocus(Fixtures.cluster())) {
            String metrics = locus.client().get("metrics").body();
            for (ErrorCause cause : ErrorCause.values()) {
                assertTrue(metrics.contains("locus_errors_total{cause=\"" + cause.label() + "\"} 0.0"), cause + "\n" + metrics);
            }
            for (String verb : new String[] {"filter", "prioritize"}) {
                assertTrue(metrics.contains("locus_deadline_exceeded_total{verb=\"" + verb + "\"} 0.0"), verb);
            }
        }
    }
}
