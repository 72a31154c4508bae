package dev.locus.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.config.LocusConfig;
import dev.locus.testing.Fixtures;
import dev.locus.testing.RunningLocus;
import java.io.IOException;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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

    /** True once a fresh connection gets an answer (the request is retried until a slot is free). */
    private static boolean answers() {
        try (Socket socket = connect()) {
            socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: locus\r\nConnection: close\r\n\r\n".getBytes());
            return new String(socket.getInputStream().readAllBytes()).startsWith("HTTP/1.1 200");
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void oneConnectionTooManyIsClosedOnAcceptAndTheSlotComesBack() throws IOException {
        await().atMost(Duration.ofSeconds(10)).until(ServerLimitsTest::answers);
        try (Socket first = connect(); Socket second = connect()) {
            // both idle: they hold their slots without sending anything
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                try (Socket third = connect()) {
                    return third.getInputStream().read() == -1; // closed by the server, not timed out
                }
            });
            first.close();
            await().atMost(Duration.ofSeconds(10)).until(ServerLimitsTest::answers);
        }
        await().atMost(Duration.ofSeconds(10)).until(ServerLimitsTest::answers);
        String metrics = HttpClient.newHttpClient().sendAsync(HttpRequest.newBuilder(locus.url().resolve("metrics"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()).join().body();
        assertTrue(metrics.contains("locus_connections_rejected_total{port=\"extender\"}"), metrics);
        assertTrue(!metrics.contains("locus_connections_rejected_total{port=\"extender\"} 0.0"), metrics);
    }

    @Test
    void headersOverTheCapGet431AndTheNextRequestIsAnswered() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(ServerLimitsTest::answers);
        try (Socket socket = connect()) {
            String big = "X-Padding: " + "a".repeat(MAX_HEADER_BYTES) + "\r\n";
            socket.getOutputStream().write(("GET /healthz HTTP/1.1\r\nHost: locus\r\n" + big + "\r\n").getBytes());
            String response = new String(socket.getInputStream().readAllBytes());
            assertTrue(response.startsWith("HTTP/1.1 431 "), response);
        }
        await().atMost(Duration.ofSeconds(10)).until(ServerLimitsTest::answers);
        byte[] body = Fixtures.bytes(Fixtures.request("node-cache-capable-true/0003"));
        assertEquals(200, locus.client().post("filter", body).statusCode());
    }
}
