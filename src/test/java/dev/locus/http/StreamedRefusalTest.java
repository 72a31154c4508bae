package dev.locus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.config.LocusConfig;
import dev.locus.testing.RunningLocus;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A large body is handed on while it arrives, so a refusal before the first sync can come
 * before its end: the connection is then closed once the rest is drained, not left open to
 * the idle timeout.
 */
@Timeout(60)
class StreamedRefusalTest {

    @Test
    void aLargeBodyRefusedBeforeTheFirstSyncClosesItsConnection() throws IOException {
        FirstSyncTest.Syncing neverSynced = new FirstSyncTest.Syncing();
        try (RunningLocus locus = new RunningLocus(LocusConfig.builder().requestDeadlineMillis(600), neverSynced);
             Socket socket = new Socket(locus.url().getHost(), locus.url().getPort())) {
            socket.setSoTimeout(20_000);
            int declared = 2 * (int) BodyReader.STREAM_FROM;
            OutputStream out = socket.getOutputStream();
            out.write(("POST /prioritize HTTP/1.1\r\nHost: locus\r\nContent-Type: application/json\r\nContent-Length: "
                    + declared + "\r\n\r\n{\"Pod\":").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 503", head); // refused while the body was still arriving
            byte[] rest = new byte[declared - 7];
            Arrays.fill(rest, (byte) ' ');
            out.write(rest);
            out.flush();
            String reply = head + new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            assertTrue(reply.toLowerCase(Locale.ROOT).contains("connection: close"), reply);
            assertTrue(reply.contains("not synced") || reply.contains("Error"), reply);
        }
    }
}
