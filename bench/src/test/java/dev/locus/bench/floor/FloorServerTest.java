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
        FloorServer.Reply reply = new FloorServer.Reply(Buffer.buffer(FloorServer.FILTER_REPLY));

        Buffer padded = reply.of("4096");

        assertEquals(4096, padded.length());
        String text = padded.toString(StandardCharsets.UTF_8);
        assertEquals(new String(FloorServer.FILTER_REPLY, StandardCharsets.UTF_8), text.stripTrailing());
        assertEquals(" ".repeat(4096 - FloorServer.FILTER_REPLY.length), text.substring(FloorServer.FILTER_REPLY.length));
        assertSame(padded, reply.of(" 4096"), "each size is made once");
        assertEquals(5000, reply.of("5000").length());
    }

    @Test
    void noSizeOrASmallerOneKeepsTheFixedReply() {
        Buffer fixed = Buffer.buffer(FloorServer.PRIORITIZE_REPLY);
        FloorServer.Reply reply = new FloorServer.Reply(fixed);

        assertSame(fixed, reply.of(null));
        assertSame(fixed, reply.of("1"));
        assertThrows(NumberFormatException.class, () -> reply.of("lots"));
    }
}
