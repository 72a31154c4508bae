package dev.locus.http;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads a request body into one byte array, refusing more than a cap, on the event loop.
 *
 * <p>Design: Vert.x's BodyHandler would also do, but it interprets form content types
 * (a curl without {@code -H 'Content-Type: application/json'} then gets a puzzling 400) and
 * its buffer must be copied once more before parsing. Here the body is a plain byte array,
 * allocated once at the declared Content-Length (grown by doubling when chunked), and the
 * decoder parses it in place. A declared length over the cap is refused before any byte is
 * read; a chunked body is refused as soon as it crosses the cap.
 */
final class BodyReader {

    /** Where the body is left for the next handler. */
    static final String BODY = "locus.body";

    private static final int INITIAL_CHUNKED_CAPACITY = 64 * 1024;

    private final long cap;

    /** @param cap largest body accepted, bytes (server.maxBodyBytes) */
    BodyReader(long cap) {
        this.cap = cap;
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        long declared = declaredLength(request);
        if (declared > cap) {
            ctx.fail(413);
            return;
        }
        State state = new State(declared >= 0 ? (int) declared : INITIAL_CHUNKED_CAPACITY);
        request.handler(chunk -> state.append(ctx, chunk));
        request.endHandler(v -> {
            if (!state.failed && !ctx.failed()) {
                ctx.put(BODY, state.bytes());
                ctx.next();
            }
        });
        request.exceptionHandler(ctx::fail);
        request.resume();
    }

    private static long declaredLength(HttpServerRequest request) {
        String header = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The body read so far. */
    private final class State {
        private byte[] data;
        private int length;
        private boolean failed;

        State(int capacity) {
            data = new byte[capacity];
        }

        void append(RoutingContext ctx, Buffer chunk) {
            if (failed) {
                return;
            }
            int n = chunk.length();
            if ((long) length + n > cap) {
                failed = true;
                data = null;
                ctx.fail(413);
                return;
            }
            if (length + n > data.length) {
                long grown = Math.max((long) data.length * 2, (long) length + n);
                data = java.util.Arrays.copyOf(data, (int) Math.min(grown, cap));
            }
            chunk.getBytes(0, n, data, length);
            length += n;
        }

        byte[] bytes() {
            return length == data.length ? data : java.util.Arrays.copyOf(data, length);
        }
    }
}
