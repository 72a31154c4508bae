package dev.locus.http;

import com.github.benmanes.caffeine.cache.Cache;
import dev.locus.cluster.ClusterState;
import dev.locus.cluster.KindStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
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
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The metrics Locus exports on {@code /metrics}, Prometheus text format:
 * <ul>
 *   <li>{@code locus_requests_seconds} (histogram; verb, outcome=ok|client_error|server_error)</li>
 *   <li>{@code locus_request_bytes} (summary; verb)</li>
 *   <li>{@code locus_errors_total} (cause)</li>
 *   <li>{@code locus_unknown_locality_total}: claims whose locality was unknown (not yet in the snapshot)</li>
 *   <li>{@code locus_ready}: 1 once the cluster state is loaded</li>
 *   <li>{@code locus_snapshot_generation}: generation of the snapshot requests read</li>
 *   <li>{@code locus_snapshot_age_seconds} (kind): seconds since the kind was last known in sync
 *       with the API server, 0 while its watch is open (live mode)</li>
 *   <li>{@code locus_informer_watching} (kind): 1 while the kind's watch is open</li>
 *   <li>{@code locus_informer_relists_total} (kind): full relists after the first list</li>
 *   <li>{@code locus_informer_errors_total} (kind): list/watch failures, all retried</li>
 *   <li>{@code locus_informer_watch_restarts_total} (kind): watches seen re-established (sampled each second)</li>
 *   <li>{@code locus_snapshot_waits_total} (outcome=caught_up|gave_up): requests that waited for a snapshot
 *       holding a binding the scheduler had seen (registered by {@link UnseenBindings})</li>
 *   <li>{@code cache_*} for the locality cache, and JVM metrics</li>
 * </ul>
 */
public final class LocusMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Counter unknownLocality;
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();
    private final Set<String> boundKinds = ConcurrentHashMap.newKeySet();

    public LocusMetrics() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        unknownLocality = Counter.builder("locus.unknown.locality")
                .description("Claims whose volume or locality was not (yet) in the cluster snapshot")
                .register(registry);
        for (ErrorCause cause : ErrorCause.values()) {
            errors(cause); // present at 0, so a rate() or an alert sees the series from the start
        }
    }

    private Counter errors(ErrorCause cause) {
        return Counter.builder("locus.errors").description("Failed requests by cause").tag("cause", cause.label())
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

    /**
     * Publishes how current {@code cluster} is: its snapshot generation and, per watched kind,
     * staleness, watch state, relists and errors. Kinds that appear later (an optional API
     * discovered after start) get their meters at the next scrape.
     */
    public void bindClusterState(ClusterState cluster) {
        Gauge.builder("locus.snapshot.generation", cluster, c -> c.current().generation())
                .description("Generation of the cluster snapshot requests read").register(registry);
        Runnable refresh = () -> cluster.kinds().stream().map(KindStatus::kind).filter(boundKinds::add)
                .forEach(kind -> bindKind(cluster, kind));
        refresh.run();
        beforeScrape.add(refresh);
    }

    private void bindKind(ClusterState cluster, String kind) {
        Gauge.builder("locus.snapshot.age", cluster, kindValue(kind, KindStatus::ageSeconds)).baseUnit("seconds")
                .description("Seconds since the kind was last known in sync with the API server; 0 while watched")
                .tag("kind", kind).register(registry);
        Gauge.builder("locus.informer.watching", cluster, kindValue(kind, s -> s.watching() ? 1 : 0))
                .description("1 while the kind's watch on the API server is open").tag("kind", kind).register(registry);
        FunctionCounter.builder("locus.informer.relists", cluster, kindValue(kind, KindStatus::relists))
                .description("Full relists after the first list (a lost watch re-established)")
                .tag("kind", kind).register(registry);
        FunctionCounter.builder("locus.informer.errors", cluster, kindValue(kind, KindStatus::errors))
                .description("List or watch failures reported by the informer; all are retried")
                .tag("kind", kind).register(registry);
        FunctionCounter.builder("locus.informer.watch.restarts", cluster, kindValue(kind, KindStatus::watchRestarts))
                .description("Times the kind's watch was seen re-established, with or without a relist (sampled each second)")
                .tag("kind", kind).register(registry);
    }

    private static ToDoubleFunction<ClusterState> kindValue(String kind, ToDoubleFunction<KindStatus> value) {
        return cluster -> cluster.kinds().stream().filter(s -> s.kind().equals(kind)).findFirst()
                .map(value::applyAsDouble).orElse(Double.NaN);
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

    /** Counts an error by cause. */
    void error(ErrorCause cause) {
        errors(cause).increment();
    }

    /** Counts claims whose locality was unknown. */
    public void unknownLocality(int claims) {
        if (claims > 0) {
            unknownLocality.increment(claims);
        }
    }

    /** The Prometheus text exposition. */
    public String scrape() {
        beforeScrape.forEach(Runnable::run);
        return registry.scrape();
    }

    /** The registry, for components that publish their own meters. */
    public PrometheusMeterRegistry registry() {
        return registry;
    }
}
