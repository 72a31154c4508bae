package dev.locus.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps the connections open at once on one port ({@code server.maxConnections}): Vert.x has
 * no such option, so a connection handler counts them and closes one too many as soon as it
 * is accepted, before it is read from. The caller sees the connection closed; kube-scheduler
 * counts that as a failed extender call.
 *
 * <p>Metrics, labelled by {@code port} (extender, health): {@code locus_connections_open}
 * and {@code locus_connections_rejected_total}.
 */
final class ConnectionLimiter implements Handler<HttpConnection> {

    private final int max;
    private final AtomicInteger open = new AtomicInteger();
    private final Counter rejected;

    ConnectionLimiter(int max, String port, MeterRegistry registry) {
        this.max = max;
        Gauge.builder("locus.connections.open", open, AtomicInteger::get).tag("port", port)
                .description("Connections open now").register(registry);
        this.rejected = Counter.builder("locus.connections.rejected").tag("port", port)
                .description("Connections closed on accept because server.maxConnections were open")
                .register(registry);
    }

    @Override
    public void handle(HttpConnection connection) {
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            rejected.increment();
            connection.close();
            return;
        }
        connection.closeHandler(v -> open.decrementAndGet());
    }

    /** Connections open now. */
    int open() {
        return open.get();
    }
}
