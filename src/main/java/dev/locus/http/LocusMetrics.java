package dev.locus.http;

import com.github.benmanes.caffeine.cache.Cache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The metrics Locus exports on {@code /metrics}, Prometheus text format:
 * <ul>
 *   <li>{@code locus_requests_seconds} (histogram; verb, outcome=ok|client_error|server_error)</li>
 *   <li>{@code locus_request_bytes} (summary; verb)</li>
 *   <li>{@code locus_errors_total} (cause)</li>
 *   <li>{@code locus_unknown_locality_total}: claims whose locality was unknown (not yet in the snapshot)</li>
 *   <li>{@code locus_ready}: 1 once the cluster state is loaded</li>
 *   <li>{@code cache_*} for the locality cache, and JVM metrics</li>
 * </ul>
 */
public final class LocusMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter unknownLocality;

    public LocusMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        unknownLocality = Counter.builder("locus.unknown.locality")
                .description("Claims whose volume or locality was not (yet) in the cluster snapshot")
                .register(registry);
    }

    /** Publishes readiness as a gauge. */
    public void bindReadiness(BooleanSupplier ready) {
        Gauge.builder("locus.ready", ready, r -> r.getAsBoolean() ? 1 : 0)
                .description("1 once the cluster state is loaded (manifests read or informers synced)")
                .strongReference(true)
                .register(registry);
    }

    /** Publishes hit/miss/eviction statistics of a Caffeine cache. */
    public void bindCache(String name, Cache<?, ?> cache) {
        CaffeineCacheMetrics.monitor(registry, cache, name);
    }

    /** Records one extender request: its verb, HTTP status, duration and body size. */
    public void request(String verb, int status, long nanos, long bytes) {
        String outcome = status < 400 ? "ok" : status < 500 ? "client_error" : "server_error";
        Timer.builder("locus.requests")
                .description("Extender request latency, server side")
                .tags("verb", verb, "outcome", outcome)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(10_000))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(registry)
                .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        DistributionSummary.builder("locus.request")
                .baseUnit("bytes")
                .description("Extender request body size")
                .tags("verb", verb)
                .register(registry)
                .record(bytes);
    }

    /** Counts an error by cause (bad_request, body_too_large, not_found, internal, ...). */
    public void error(String cause) {
        Counter.builder("locus.errors").description("Failed requests by cause").tag("cause", cause)
                .register(registry).increment();
    }

    /** Counts claims whose locality was unknown. */
    public void unknownLocality(int claims) {
        if (claims > 0) {
            unknownLocality.increment(claims);
        }
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        return registry.scrape();
    }

    /** The registry, for components that publish their own meters. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
