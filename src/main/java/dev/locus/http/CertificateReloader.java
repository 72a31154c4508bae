package dev.locus.http;

import dev.locus.config.TlsSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.net.ServerSSLOptions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the TLS files every {@code tls.reloadIntervalSeconds} and, when their content
 * changed, swaps the new certificate into every listener that serves TLS with
 * {@link HttpServer#updateSSLOptions}: new handshakes get it, open connections keep theirs,
 * none is dropped or refused (Vert.x 5 keeps serving the old TLS context until the new one is
 * built; Vert.x 4.5 did not, see docs/security.md). Files that cannot be read or do not fit
 * together, or a context Vert.x fails to build, leave the current certificate in place, and
 * are tried again at the next check.
 *
 * <p>Polling content rather than watching the file system works the same for a plain file,
 * a ConfigMap/Secret volume (which swaps a symlink) and a network file system.
 * Metrics: {@code locus_tls_reloads_total{outcome=ok|error}} and
 * {@code locus_tls_certificate_expiry_timestamp_seconds} (the served certificate's notAfter).
 */
final class CertificateReloader {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateReloader.class);

    private final Vertx vertx;
    private final TlsSettings tls;
    private final List<HttpServer> servers;
    private final ServerSSLOptions started;
    private final MeterRegistry registry;
    private final AtomicBoolean checking = new AtomicBoolean();
    private final TlsOptions.Keys names;
    private final String metricPrefix;
    private volatile TlsOptions.Material current;
    private long timer = -1;
    /** The last check started, so that {@link #stop} can wait for it. */
    private volatile Future<Boolean> lastCheck = Future.succeededFuture(false);

    /**
     * @param servers the listeners serving {@code first}
     * @param started the TLS options they were started with; a reload changes only the files' content
     */
    CertificateReloader(Vertx vertx, TlsSettings tls, TlsOptions.Material first, List<HttpServer> servers,
                        ServerSSLOptions started, MeterRegistry registry) {
        this(vertx, tls, TlsOptions.Keys.EXTENDER, "locus.tls", first, servers, started, registry);
    }

    /**
     * @param names        the config keys of the files, for messages
     * @param metricPrefix {@code locus.tls} for the extender port, {@code locus.webhook.tls} for the webhook's
     */
    CertificateReloader(Vertx vertx, TlsSettings tls, TlsOptions.Keys names, String metricPrefix,
                        TlsOptions.Material first, List<HttpServer> servers, ServerSSLOptions started,
                        MeterRegistry registry) {
        this.vertx = vertx;
        this.tls = tls;
        this.servers = List.copyOf(servers);
        this.started = started.copy();
        this.registry = registry;
        this.names = names;
        this.metricPrefix = metricPrefix;
        this.current = first;
        Gauge.builder(metricPrefix + ".certificate.expiry.timestamp", this, r -> r.current.notAfter().getEpochSecond())
                .baseUnit("seconds")
                .description("notAfter of the certificate served on the port, Unix time")
                .register(registry);
    }

    /** Checks every {@code tls.reloadIntervalSeconds}; does nothing when that is 0. */
    void start() {
        if (tls.reloadIntervalSeconds() > 0) {
            timer = vertx.setPeriodic(TimeUnit.SECONDS.toMillis(tls.reloadIntervalSeconds()), id -> check());
        }
    }

    /**
     * Stops checking. Completes once a check under way has finished: closing Vert.x under a
     * running check made its completion land on a terminated event loop
     * ({@code RejectedExecutionException}).
     */
    Future<Void> stop() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
        return lastCheck.transform(done -> Future.succeededFuture());
    }

    /** One check; completes with true when a new certificate was swapped in. */
    Future<Boolean> check() {
        if (!checking.compareAndSet(false, true)) {
            return Future.succeededFuture(false);
        }
        return lastCheck = vertx.executeBlocking(() -> TlsOptions.read(vertx, tls, names), false)
                .compose(this::swapIfChanged)
                .onFailure(e -> {
                    count("error");
                    LOG.warn("TLS files not reloaded, still serving the certificate valid until {}: {}",
                            current.notAfter(), e.getMessage());
                })
                .onComplete(r -> checking.set(false));
    }

    private Future<Boolean> swapIfChanged(TlsOptions.Material read) {
        if (read.fingerprint().equals(current.fingerprint())) {
            return Future.succeededFuture(false);
        }
        ServerSSLOptions update = TlsOptions.update(started, read);
        // force: the options differ from the served ones anyway; force also skips Vert.x's cache of built contexts
        List<Future<Boolean>> updates = servers.stream().map(s -> s.updateSSLOptions(update, true)).toList();
        return Future.all(updates).map(all -> {
            current = read;
            count("ok");
            LOG.info("reloaded {} {} (valid until {})", names.cert(), tls.certFile(), read.notAfter());
            return true;
        });
    }

    private void count(String outcome) {
        Counter.builder(metricPrefix + ".reloads").description("Checks of the TLS files that found new content, by outcome")
                .tag("outcome", outcome).register(registry).increment();
    }
}
