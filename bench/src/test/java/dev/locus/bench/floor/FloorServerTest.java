package dev.locus.bench.floor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The floor's reply, fixed or padded to a size the load tool asks for. */
class FloorServerTest {

    @Test
    void aPaddedReplyIsTheFixedReplyWithWhiteSpaceToTheSizeAsked() {
        Buffer fixed = Buffer.buffer(FloorServer.FILTER_REPLY);

        Buffer padded = FloorServer.padded(fixed, "4096");

        assertEquals(4096, padded.length());
        String text = padded.toString(StandardCharsets.UTF_8);
        assertEquals(new String(FloorServer.FILTER_REPLY, StandardCharsets.UTF_8), text.stripTrailing());
        assertEquals(" ".repeat(4096 - FloorServer.FILTER_REPLY.length), text.substring(FloorServer.FILTER_REPLY.length));
    }

    @Test
    void noSizeOrASmallerOneKeepsTheFixedReply() {
        Buffer fixed = Buffer.buffer(FloorServer.PRIORITIZE_REPLY);

        assertSame(fixed, FloorServer.padded(fixed, null));
        assertSame(fixed, FloorServer.padded(fixed, "1"));
        assertThrows(NumberFormatException.class, () -> FloorServer.padded(fixed, "lots"));
    }
}
