package dev.locus.http;

import dev.locus.config.LocusConfig;
import dev.locus.config.ServerLimits;
import dev.locus.config.TlsSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ports Locus listens on: the extender port (HTTPS when {@code tls.*} is set, with the
 * connection and header limits) and, if {@code server.healthPort} is set, a plain-HTTP port
 * for health and metrics. Owns the certificate reloader. The webhook's port
 * ({@link WebhookServer}) is made with the same {@link #options} and {@link #listen}.
 *
 * <p>Only HTTP/1.1 is spoken: kube-scheduler uses it (it negotiates HTTP/2 only if the
 * server offers it through ALPN, which Locus does not), one request per connection at a
 * time makes {@code server.maxConnections} a real bound, and h2c detection would delay
 * the connection limit until the first bytes arrive.
 */
final class HttpListeners {

    /**
     * Seconds a connection may stay silent before it is closed. Longer than Go's
     * {@code IdleConnTimeout} (90 s, kube-scheduler's transport), so the scheduler always
     * closes an idle keep-alive connection first and never sends a request on a connection
     * the server is closing; short enough that abandoned connections free their slot.
     */
    static final int IDLE_TIMEOUT_SECONDS = 120;

    private final Vertx vertx;
    private final LocusConfig config;
    private final MeterRegistry registry;
    private HttpServer extender;
    private HttpServer health;
    private CertificateReloader reloader;

    HttpListeners(Vertx vertx, LocusConfig config, MeterRegistry registry) {
        this.vertx = vertx;
        this.config = config;
        this.registry = registry;
    }

    /** Binds the ports; completes with the extender port actually bound. */
    Future<Integer> start(Router extenderRoutes, Router healthRoutes) {
        TlsSettings tls = config.tls();
        Future<TlsOptions.Material> material = tls.enabled()
                ? vertx.executeBlocking(() -> TlsOptions.read(vertx, tls), false)
                : Future.succeededFuture();
        return material.compose(m -> {
            HttpServerOptions options = options(config.port());
            if (m != null) {
                TlsOptions.apply(options, m, tls);
            }
            return listen(options, "extender", extenderRoutes).onSuccess(server -> {
                extender = server;
                if (m != null) { // the extender port is the only one serving TLS
                    reloader = new CertificateReloader(vertx, tls, m, List.of(server), options.getSslOptions(), registry);
                    reloader.start();
                }
            });
        }).compose(server -> startHealth(healthRoutes).map(server.actualPort()));
    }

    private Future<Void> startHealth(Router routes) {
        if (config.limits().healthPort() == 0) {
            return Future.succeededFuture();
        }
        return listen(options(config.limits().healthPort()), "health", routes).onSuccess(s -> health = s).mapEmpty();
    }

    private Future<HttpServer> listen(HttpServerOptions options, String port, Router routes) {
        return listen(vertx, config, registry, options, port, routes);
    }

    /**
     * Binds a server with {@code options} under the connection limit, counted as {@code port}
     * in the connection metrics; every port of Locus (the webhook's too) listens this way.
     */
    static Future<HttpServer> listen(Vertx vertx, LocusConfig config, MeterRegistry registry,
                                     HttpServerOptions options, String port, Router routes) {
        ConnectionLimiter limiter = new ConnectionLimiter(config.limits().maxConnections(), port, registry);
        return vertx.createHttpServer(options).connectionHandler(limiter).requestHandler(routes).listen();
    }

    private HttpServerOptions options(int port) {
        return options(config, port);
    }

    /** The options every port of Locus starts from (TLS is added by {@link TlsOptions#apply}). */
    static HttpServerOptions options(LocusConfig config, int port) {
        ServerLimits limits = config.limits();
        return new HttpServerOptions().setHost(config.host()).setPort(port)
                .setMaxHeaderSize(limits.maxHeaderBytes())
                // curl sends "Expect: 100-continue" for large bodies and would otherwise wait a second
                .setHandle100ContinueAutomatically(true)
                .setHttp2ClearTextEnabled(false)
                .setIdleTimeout(IDLE_TIMEOUT_SECONDS).setIdleTimeoutUnit(TimeUnit.SECONDS);
    }

    Future<Void> stop() {
        Future<Void> reloaderStopped = reloader == null ? Future.succeededFuture() : reloader.stop();
        return reloaderStopped.compose(stopped -> {
            Future<Void> healthClosed = health == null ? Future.succeededFuture() : health.close();
            Future<Void> extenderClosed = extender == null ? Future.succeededFuture() : extender.close();
            return Future.all(healthClosed, extenderClosed).mapEmpty();
        });
    }
}
