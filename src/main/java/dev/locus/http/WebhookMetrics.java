package dev.locus.http;

import dev.locus.admission.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The webhook's metrics: {@code locus_webhook_reviews_total{outcome,reason}} (every pair
 * registered at 0, so an alert on errors sees the series from the start) and
 * {@code locus_webhook_review_seconds{outcome}} (from the request's headers to its answer,
 * cache waits included).
 */
final class WebhookMetrics {

    private final Map<Reason, Counter> reviews = new EnumMap<>(Reason.class);
    private final Map<Reason.Outcome, Timer> latency = new EnumMap<>(Reason.Outcome.class);

    WebhookMetrics(MeterRegistry registry) {
        for (Reason.Outcome outcome : Reason.Outcome.values()) {
            latency.put(outcome, Timer.builder("locus.webhook.review")
                    .description("Admission review latency, server side, cache waits included")
                    .tag("outcome", outcome.label())
                    .publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofNanos(10_000))
                    .maximumExpectedValue(Duration.ofSeconds(10))
                    .register(registry));
        }
        for (Reason reason : Reason.values()) {
            reviews.put(reason, Counter.builder("locus.webhook.reviews")
                    .description("Admission reviews answered, by outcome (mutated, skipped, error, rejected) and reason")
                    .tags("outcome", reason.outcome().label(), "reason", reason.label())
                    .register(registry));
        }
    }

    void count(Reason reason, long nanos) {
        reviews.get(reason).increment();
        latency.get(reason.outcome()).record(nanos, TimeUnit.NANOSECONDS);
    }
}
