package dev.locus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitTest {

    @Test
    void theFirstOccurrenceIsLoggedAndTheOnesWithinTheIntervalAreSkipped() {
        RateLimit limit = new RateLimit(Duration.ofHours(1));

        assertEquals(0, limit.occurrence());
        assertEquals(-1, limit.occurrence());
        assertEquals(-1, limit.occurrence());
    }

    @Test
    void everyOccurrenceIsLoggedOnceTheIntervalHasPassed() {
        RateLimit limit = new RateLimit(Duration.ZERO);

        assertEquals(0, limit.occurrence());
        assertEquals(0, limit.occurrence());
    }

    @Test
    void theNoteSaysHowManyWereSkippedAndWhereToCountThem() {
        assertEquals("", RateLimit.skippedNote(0, "locus_x_total"));
        assertEquals(" (3 more since the last warning; see locus_x_total)", RateLimit.skippedNote(3, "locus_x_total"));
    }
}
