package dev.locus.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.config.LocusConfig;
import dev.locus.testing.Fixtures;
import dev.locus.testing.HttpExtenderClient;
import dev.locus.testing.RunningLocus;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Request bodies take memory only as their bytes arrive, and all of them together at most
 * {@code server.maxInFlightBodyBytes}: a few callers declaring huge bodies cannot exhaust the
 * heap, a caller past the budget gets 429, and the budget comes back when exchanges end.
 */
class BodyBudgetTest {

    private static final int CAP = 1024 * 1024;

    private static final Pattern IN_FLIGHT = Pattern.compile("(?m)^locus_request_body_bytes_in_flight_bytes (\\S+)$");
    private static RunningLocus locus;
    private final List<Socket> open = new ArrayList<>();

    @BeforeAll
    static void start() {
        locus = new RunningLocus(LocusConfig.builder().maxBodyBytes(CAP).maxInFlightBodyBytes(CAP)
                .requestDeadlineMillis(60_000), Fixtures.cluster()); // half-sent bodies are not cut off
    }

    @AfterAll
    static void stop() {
        locus.close();
    }

    @AfterEach
    void closeSockets() throws IOException {
        for (Socket socket : open) {
            socket.close();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight() == 0);
    }

    @Test
    void aDeclaredLengthCostsNothingUntilItsBytesArrive() throws IOException {
        // each declares the whole budget; before the fix each allocated it on the spot
        for (int i = 0; i < 8; i++) {
            startBody(CAP, 0);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight() == 8 * 64 * 1024);
        assertPrioritizeAnswered();
    }

    @Test
    void aBodyPastTheBudgetIs429NamingTheSettingAndTheBudgetComesBack() throws IOException {
        Socket hog = startBody(CAP, CAP - 100_000);
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight() == CAP);

        HttpResponse<String> refused = locus.client().post("prioritize", prioritizeBody());
        assertEquals(429, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("server.maxInFlightBodyBytes"), refused.body());
        assertEquals("1", refused.headers().firstValue("Retry-After").orElse(null));

        hog.close(); // the client goes away mid-body: its share is released
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight() == 0);
        assertPrioritizeAnswered();
        assertTrue(locus.client().get("metrics").body().contains("locus_errors_total{cause=\"bodies_in_flight\"}"));
    }

    @Test
    void aCompletedBodyGivesItsBudgetBack() throws IOException {
        Socket socket = startBody(CAP, CAP - 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight() == CAP);
        socket.getOutputStream().write(' '); // the last byte: whitespace then nothing is a 400
        String reply = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        assertEquals("HTTP/1.1 400", reply);
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight() == 0);
        assertPrioritizeAnswered();
    }

    @Test
    void aBodyCutOffAtTheDeadlineGivesItsBudgetBack() throws IOException {
        try (RunningLocus strict = new RunningLocus(LocusConfig.builder().maxBodyBytes(CAP).maxInFlightBodyBytes(CAP)
                .requestDeadlineMillis(500), Fixtures.cluster());
             Socket slow = startBody(strict, CAP, CAP / 2)) {
            String reply = new String(slow.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 408", reply);
            slow.getInputStream().readAllBytes(); // returns once the server closes; times out if it does not
            await().atMost(Duration.ofSeconds(10)).until(() -> inFlight(strict) == 0);
        }
    }

    /** Opens a connection, sends /prioritize headers declaring {@code declared} bytes and {@code sent} spaces. */
    private Socket startBody(int declared, int sent) throws IOException {
        Socket socket = startBody(locus, declared, sent);
        open.add(socket);
        return socket;
    }

    private static Socket startBody(RunningLocus target, int declared, int sent) throws IOException {
        Socket socket = new Socket(target.url().getHost(), target.url().getPort());
        socket.setSoTimeout(10_000);
        OutputStream out = socket.getOutputStream();
        out.write(("POST /prioritize HTTP/1.1\r\nHost: locus\r\nContent-Type: application/json\r\nContent-Length: "
                + declared + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        byte[] spaces = new byte[sent];
        Arrays.fill(spaces, (byte) ' ');
        out.write(spaces);
        out.flush();
        return socket;
    }

    private static byte[] prioritizeBody() {
        return Fixtures.bytes(Fixtures.request("node-cache-capable-true/0004"));
    }

    private static void assertPrioritizeAnswered() {
        byte[] body = prioritizeBody();
        assertEquals(2, locus.client().prioritize(body, HttpExtenderClient.offered(body)).size());
    }

    private static long inFlight() {
        return inFlight(locus);
    }

    private static long inFlight(RunningLocus target) {
        Matcher m = IN_FLIGHT.matcher(target.client().get("metrics").body());
        if (!m.find()) {
            throw new AssertionError("no locus_request_body_bytes_in_flight_bytes in /metrics");
        }
        return (long) Double.parseDouble(m.group(1));
    }
}
