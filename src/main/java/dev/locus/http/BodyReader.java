package dev.locus.http;

import dev.locus.api.ArrivingBody;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads a request body into one byte array, refusing more than a cap, on the event loop.
 *
 * <p>Design: Vert.x's BodyHandler would also do, but it interprets form content types
 * (a curl without {@code -H 'Content-Type: application/json'} then gets a puzzling 400) and
 * its buffer must be copied once more before parsing. Here the body is a plain byte array
 * the decoder parses in place. A declared length over the cap is refused (413) before any
 * byte is read; a chunked body as soon as it crosses the cap.
 *
 * <p>Memory is only taken as bytes arrive: the array starts at 64 KiB at most and doubles
 * (to the declared length at most), so a Content-Length costs nothing until the bytes are
 * sent. Every array counts against one budget shared by all connections
 * ({@code server.maxInFlightBodyBytes}); a body that would exceed it is refused with 429 and
 * its connection closed, and the budget comes back when the exchange ends, however it ends.
 *
 * <p>A body declared {@link #STREAM_FROM} bytes or longer can be handed on as its headers
 * arrive instead ({@link #stream}): a Nodes-mode body (megabytes) is then decoded on a
 * placement thread while its later bytes are still on their way ({@link ArrivingBody}).
 */
final class BodyReader {

    /** Where the body is left for the next handler. */
    static final String BODY = "locus.body";

    /** Where {@link #stream} leaves a large body that is still arriving ({@link ArrivingBody}). */
    static final String ARRIVING = "locus.body.arriving";

    /** Declared bodies at least this long are handed on by {@link #stream} as they start to arrive. */
    static final long STREAM_FROM = 1 << 20;

    /**
     * Bodies handed on while arriving, at most, at once. Each holds a placement thread while
     * it waits for its bytes (until the request deadline at most), so slow senders of large
     * bodies must not hold them all; past this, a body is read whole first, as a short one is.
     * kube-scheduler sends one request at a time per profile.
     */
    static final int MAX_STREAMS = 4;

    /**
     * How long a refused body is read and discarded before its connection is closed, ms: long
     * enough for a client on loopback or a LAN to finish sending a body of the default cap and
     * read the error, short enough that a refused client cannot hold a connection.
     */
    private static final long LINGER_MILLIS = 2_000;

    /** Status of a body refused because the in-flight budget is spent. */
    static final int BUDGET_SPENT = 429;

    private static final int FIRST_CAPACITY = 64 * 1024;

    private final long cap;
    private final AtomicLong free;
    private final AtomicInteger streams = new AtomicInteger();

    /**
     * @param cap      largest body accepted, bytes (server.maxBodyBytes)
     * @param budget   body bytes buffered at once over all requests (server.maxInFlightBodyBytes)
     * @param registry where {@code locus_request_body_bytes_in_flight} is published
     */
    BodyReader(long cap, long budget, MeterRegistry registry) {
        this(cap, budget, registry, "locus.request.body.bytes.in.flight");
    }

    /** @param gauge the in-flight gauge's name: each reader has its own budget and gauge */
    BodyReader(long cap, long budget, MeterRegistry registry, String gauge) {
        this.cap = cap;
        this.free = new AtomicLong(budget);
        Gauge.builder(gauge, free, f -> budget - f.get())
                .description("request body bytes buffered now, over all connections (server.maxInFlightBodyBytes)")
                .baseUnit("bytes").register(registry);
    }

    /** Reads the whole body, then hands it on as {@link #BODY}. */
    void handle(RoutingContext ctx) {
        read(ctx, false);
    }

    /**
     * As {@link #handle}, but a body declared {@link #STREAM_FROM} bytes or longer is handed on
     * at once, as {@link #ARRIVING}, to be read on another thread as it arrives.
     */
    void stream(RoutingContext ctx) {
        read(ctx, true);
    }

    private void read(RoutingContext ctx, boolean streamLarge) {
        HttpServerRequest request = ctx.request();
        long declared = declaredLength(request);
        if (declared > cap) {
            ctx.fail(413);
            return;
        }
        State state = new State(declared);
        ctx.addEndHandler(v -> state.release());
        if (!state.reserve(ctx, (int) Math.min(declared >= 0 ? declared : cap, FIRST_CAPACITY))) {
            return;
        }
        boolean streaming = streamLarge && declared >= STREAM_FROM && state.holdStream();
        request.handler(chunk -> state.append(ctx, chunk));
        request.endHandler(v -> {
            state.end();
            if (!streaming && !state.refused() && !ctx.failed()) {
                ctx.put(BODY, state.bytes());
                ctx.next();
            }
        });
        request.exceptionHandler(ctx::fail);
        request.resume();
        if (streaming && !ctx.failed()) {
            // answered before its end (refused, or failed): the rest of the body is not wanted
            ctx.addHeadersEndHandler(v -> {
                if (!request.isEnded()) {
                    closeAfterReply(ctx);
                }
            });
            ctx.put(ARRIVING, state);
            ctx.next();
        }
    }

    /**
     * Answers with {@code Connection: close} and closes. Through the context's end handlers, not
     * {@code response().endHandler}, which would replace the one Vert.x-Web runs them from (and
     * so the body budget's release).
     *
     * <p>A client may still be sending the body it declared. Closing a socket with unread bytes
     * makes the kernel reset the connection, and a reset destroys the reply the client has not
     * read yet (Vert.x 5 stops reading a paused request at once, so this is the usual case).
     * So the rest is read and discarded, keeping no byte, until the body ends or
     * {@link #LINGER_MILLIS} pass, and only then is the connection closed.
     */
    static void closeAfterReply(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        if ("close".equals(ctx.response().headers().get(HttpHeaders.CONNECTION))) {
            return; // arranged already
        }
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        ctx.addEndHandler(v -> {
            if (request.isEnded()) {
                request.connection().close();
                return;
            }
            long timer = ctx.vertx().setTimer(LINGER_MILLIS, t -> request.connection().close());
            request.handler(discarded -> { });
            request.endHandler(end -> {
                ctx.vertx().cancelTimer(timer);
                request.connection().close();
            });
            request.resume();
        });
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

    /**
     * The body read so far, and the budget it holds. Chunks arrive on the event loop; the end
     * handler may run on the worker that answered, and a streamed body is read on a placement
     * thread, hence the locking.
     */
    private final class State implements ArrivingBody {
        private final long limit;
        private byte[] data = new byte[0];
        private int length;
        private long reserved;
        private boolean released;
        private boolean ended;
        private boolean holdsStream;

        /** @param declared the Content-Length, or -1 */
        State(long declared) {
            limit = declared >= 0 ? declared : cap;
        }

        /** Grows the array to {@code capacity}, taking the difference from the budget; false once refused. */
        synchronized boolean reserve(RoutingContext ctx, int capacity) {
            if (released) {
                return false; // the exchange is over (client gone): nothing more is kept
            }
            long more = capacity - reserved;
            if (free.addAndGet(-more) < 0) {
                free.addAndGet(more);
                data = null;
                ctx.fail(BUDGET_SPENT);
                return false;
            }
            reserved = capacity;
            data = Arrays.copyOf(data, capacity);
            return true;
        }

        synchronized void append(RoutingContext ctx, Buffer chunk) {
            if (refused() || released) {
                return;
            }
            int n = chunk.length();
            if ((long) length + n > cap) {
                data = null;
                ctx.fail(413);
                return;
            }
            if (length + n > data.length) {
                long grown = Math.max((long) data.length * 2, (long) length + n);
                if (!reserve(ctx, (int) Math.min(grown, Math.max(limit, (long) length + n)))) {
                    return;
                }
            }
            chunk.getBytes(0, n, data, length);
            length += n;
            notifyAll();
        }

        /** Takes one of the {@link #MAX_STREAMS}, given back on {@link #release}; false if none is free. */
        synchronized boolean holdStream() {
            if (streams.incrementAndGet() > MAX_STREAMS) {
                streams.decrementAndGet();
                return false;
            }
            holdsStream = true;
            return true;
        }

        /** The request's last byte has arrived. */
        synchronized void end() {
            ended = true;
            notifyAll();
        }

        /**
         * Waits for more than {@code have} bytes, or the end. The array handed out is never
         * written below {@code length} again (a larger one replaces it), so it is read
         * without the lock.
         */
        @Override
        public synchronized Arrived await(int have) throws IOException {
            while (length <= have && !ended && data != null && !released) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while the request body arrived", e);
                }
            }
            if (data == null || !ended && length <= have) {
                throw new IOException("the request body did not arrive in full");
            }
            return new Arrived(data, length, ended);
        }

        /** True once the body was refused (over the cap or the budget): its bytes are dropped. */
        synchronized boolean refused() {
            return data == null;
        }

        byte[] bytes() {
            return length == data.length ? data : Arrays.copyOf(data, length);
        }

        /** Gives the budget back; the end handler may run more than once per request. */
        synchronized void release() {
            released = true;
            free.addAndGet(reserved);
            reserved = 0;
            if (holdsStream) {
                holdsStream = false;
                streams.decrementAndGet();
            }
            notifyAll();
        }
    }
}
