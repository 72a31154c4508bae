package dev.locus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.config.LocusConfig;
import dev.locus.testing.FixtureAnswers;
import dev.locus.testing.Fixtures;
import dev.locus.testing.HttpExtenderClient;
import dev.locus.testing.RunningLocus;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A body declared {@link BodyReader#STREAM_FROM} bytes or longer is decoded while it arrives:
 * its answer is byte for byte the one a short body gets, however its bytes are paced.
 */
class StreamedBodyTest {

    private static RunningLocus locus;

    @BeforeAll
    static void start(@TempDir Path dir) {
        locus = new RunningLocus(FixtureAnswers.cluster(dir));
    }

    @AfterAll
    static void stop() {
        locus.close();
    }

    @Test
    void aLargeNodesModeBodyGetsTheAnswerAShortOneGets() throws IOException {
        for (String prefix : new String[] {"node-cache-capable-false/0001", "node-cache-capable-false/0002",
            "node-cache-capable-true/0001"}) {
            byte[] body = Fixtures.bytes(Fixtures.request(prefix));
            String verb = Fixtures.verb(Fixtures.request(prefix));
            String expected = exchange(verb, body, body.length);
            assertTrue(expected.startsWith("HTTP/1.1 200"), expected);
            byte[] padded = padded(body, "\"Padding\":\"" + "x".repeat((int) BodyReader.STREAM_FROM) + "\",", 1);
            byte[] paddedLast = padded(body, ",\"Padding\":[" + "0,".repeat((int) BodyReader.STREAM_FROM / 2) + "0]",
                    body.length - 1);
            for (byte[] large : new byte[][] {padded, paddedLast}) {
                for (int pause : new int[] {0, 1_000, large.length / 2, large.length - 1}) {
                    assertEquals(expected, exchange(verb, large, pause), prefix + ", paused at byte " + pause);
                }
            }
        }
    }

    @Test
    void aLargeBodyTheParserRefusesGetsItsError() throws IOException {
        byte[] body = Fixtures.bytes(Fixtures.request("node-cache-capable-false/0001"));
        String text = new String(body, StandardCharsets.UTF_8).replaceFirst("\"name\":\"node-", "\"name\":1,\"x\":\"node-");
        byte[] bad = padded(text.getBytes(StandardCharsets.UTF_8),
                ",\"Padding\":\"" + "x".repeat((int) BodyReader.STREAM_FROM) + "\"", body.length - 1);
        String reply = exchange("filter", bad, 1_000);
        assertTrue(reply.startsWith("HTTP/1.1 400"), reply);
        assertTrue(reply.contains("metadata.name must be a string"), reply);
    }

    /** Each streamed body holds a placement thread while it waits for its bytes: slow senders cannot take them all. */
    @Test
    void slowSendersOfLargeBodiesDoNotHoldEveryPlacementThread() throws IOException {
        try (RunningLocus patient = new RunningLocus(LocusConfig.builder().requestDeadlineMillis(60_000),
                Fixtures.cluster())) {
            List<Socket> slow = new ArrayList<>();
            try {
                for (int i = 0; i < RequestDeadline.PLACEMENT_THREADS + 2; i++) {
                    Socket socket = new Socket(patient.url().getHost(), patient.url().getPort());
                    socket.getOutputStream().write(("POST /filter HTTP/1.1\r\nHost: locus\r\nContent-Length: "
                            + 2 * BodyReader.STREAM_FROM + "\r\n\r\n{\"Pod\":").getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                    slow.add(socket);
                }
                byte[] body = Fixtures.bytes(Fixtures.request("node-cache-capable-true/0004"));
                Map<String, Long> scores = assertTimeoutPreemptively(Duration.ofSeconds(20),
                        () -> patient.client().prioritize(body, HttpExtenderClient.offered(body)));
                assertEquals(2, scores.size());
            } finally {
                for (Socket socket : slow) {
                    socket.close();
                }
            }
        }
    }

    /** {@code body} with {@code text} inserted at byte {@code at}. */
    private static byte[] padded(byte[] body, String text, int at) {
        byte[] insert = text.getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(body, body.length + insert.length);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(body, at, out, at + insert.length, body.length - at);
        return out;
    }

    /** Posts {@code body}, pausing 100 ms after its first {@code pause} bytes; the status line and body of the reply. */
    private static String exchange(String verb, byte[] body, int pause) throws IOException {
        try (Socket socket = new Socket(locus.url().getHost(), locus.url().getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /" + verb + " HTTP/1.1\r\nHost: locus\r\nContent-Type: application/json\r\nConnection: close\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, pause);
            out.flush();
            sleep(100);
            out.write(body, pause, body.length - pause);
            out.flush();
            String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return reply.substring(0, reply.indexOf("\r\n")) + reply.substring(reply.indexOf("\r\n\r\n"));
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
