package dev.locus.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.config.LocusConfig;
import dev.locus.testing.Fixtures;
import dev.locus.testing.RunningLocus;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code server.maxConnections} and {@code server.maxHeaderBytes} hold, and the server recovers. */
class ServerLimitsTest {

    private static final int MAX_CONNECTIONS = 2;
    private static final int MAX_HEADER_BYTES = 2048;
    private static RunningLocus locus;

    @BeforeAll
    static void start() {
        locus = new RunningLocus(LocusConfig.builder().maxConnections(MAX_CONNECTIONS).maxHeaderBytes(MAX_HEADER_BYTES),
                Fixtures.cluster());
    }

    @AfterAll
    static void stop() {
        locus.close();
    }

    private static Socket connect() throws IOException {
        Socket socket = new Socket(locus.url().getHost(), locus.url().getPort());
        socket.setSoTimeout(10_000);
        return socket;
    }

    /**
     * Sends one request on a fresh connection with {@code Connection: close} and reads the whole
     * response. Every request in this class goes this way: a pooled keep-alive connection (as
     * java.net.http keeps) would hold one of the two slots into the next test.
     */
    private static String exchange(String head, byte[] body) throws IOException {
        try (Socket socket = connect()) {
            socket.getOutputStream().write((head + "Host: locus\r\nConnection: close\r\nContent-Length: " + body.length
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** True when a fresh connection gets an answer to GET /healthz. */
    private static boolean answers() {
        try {
            return exchange("GET /healthz HTTP/1.1\r\n", new byte[0]).startsWith("HTTP/1.1 200");
        } catch (IOException e) {
            return false;
        }
    }

    /** Connections the extender port's limiter counts as open now. */
    private static double open() {
        return locus.registry().get("locus.connections.open").tag("port", "extender").gauge().value();
    }

    /** Connections the extender port's limiter closed on accept so far. */
    private static double rejected() {
        return locus.registry().get("locus.connections.rejected").tag("port", "extender").counter().count();
    }

    /**
     * Waits until the server has counted {@code n} open connections. A client's connect or close
     * returns before the server's event loop has run its connection or close handler, so a test
     * that counts on a slot being taken or free must wait for the server's own count.
     */
    private static void awaitOpen(int n) {
        await().atMost(Duration.ofSeconds(10)).until(() -> open() == n);
    }

    @Test
    void oneConnectionTooManyIsClosedOnAcceptAndTheSlotComesBack() throws IOException {
        awaitOpen(0);
        double rejectedBefore = rejected();
        try (Socket first = connect()) {
            awaitOpen(1);
            try (Socket second = connect()) {
                awaitOpen(2);
                // both idle: they hold their slots without sending anything
                try (Socket third = connect()) {
                    assertEquals(-1, third.getInputStream().read(), "closed by the server on accept, not timed out");
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> rejected() == rejectedBefore + 1);
                assertEquals(2, open(), "the rejected connection never held a slot");
                first.close();
                awaitOpen(1);
                assertTrue(answers(), "the slot the first connection freed serves a new one");
            }
        }
        awaitOpen(0);
        assertTrue(answers());
        String metrics = exchange("GET /metrics HTTP/1.1\r\n", new byte[0]);
        assertTrue(metrics.contains("locus_connections_rejected_total{port=\"extender\"} " + (rejectedBefore + 1)),
                metrics);
    }

    @Test
    void headersOverTheCapGet431AndTheNextRequestIsAnswered() throws Exception {
        awaitOpen(0);
        try (Socket socket = connect()) {
            String big = "X-Padding: " + "a".repeat(MAX_HEADER_BYTES) + "\r\n";
            socket.getOutputStream().write(("GET /healthz HTTP/1.1\r\nHost: locus\r\n" + big + "\r\n").getBytes());
            String response = new String(socket.getInputStream().readAllBytes());
            assertTrue(response.startsWith("HTTP/1.1 431 "), response);
        }
        awaitOpen(0);
        byte[] body = Fixtures.bytes(Fixtures.request("node-cache-capable-true/0003"));
        String reply = exchange("POST /filter HTTP/1.1\r\nContent-Type: application/json\r\n", body);
        assertTrue(reply.startsWith("HTTP/1.1 200 "), reply);
    }
}
