package dev.locus.bench.floor;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The HTTP floor: the least any extender on Vert.x must do for a request. It reads the whole
 * body on the event loop and answers a fixed, valid reply, with no decoding, no placement
 * and no worker hand-off. The load tool ({@code locus-load floor}) sends it the very bodies
 * it sends Locus, interleaved in one run, so the ratio of Locus's latency to the floor's is
 * what Locus itself adds.
 *
 * <p>It takes Locus's command line ({@code serve --manifests DIR --port N --host H}; the
 * manifests are ignored) and answers {@code GET /readyz}, so the load tool starts it exactly
 * as it starts Locus, with the same JVM and flags:
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.locus.bench.floor.FloorServer serve --port 8889 --host 127.0.0.1
 * </pre>
 *
 * <p>The replies are fixed and small ({@code /filter}: no node passes, none failed;
 * {@code /prioritize}: an empty list), so the floor does not pay for writing a reply as
 * large as Locus's; that cost is part of what the ratio shows Locus adds. A request with the
 * header {@value #REPLY_BYTES}{@code : N} gets the same reply padded with white space (valid
 * JSON still) to N bytes: the load tool's {@code floor --floor-reply sized} sends Locus's
 * reply size, so the ratio then shows what Locus adds beyond moving its answer's bytes. Each
 * padded size is made once and kept while they fit in {@value #KEPT_BYTES} bytes (all of
 * NodeNames mode's; in Nodes mode, replies of megabytes, the first few sizes), so the floor
 * pays for moving the bytes, not for making or collecting them per request.
 */
public final class FloorServer {

    /** The /filter reply: a valid ExtenderFilterResult that names no node. */
    static final byte[] FILTER_REPLY = "{\"Nodes\":null,\"NodeNames\":[],\"FailedNodes\":{},\"FailedAndUnresolvableNodes\":{},\"Error\":\"\"}"
            .getBytes(StandardCharsets.UTF_8);
    /** Request header: answer with this many bytes (the fixed reply, padded with spaces). */
    static final String REPLY_BYTES = "X-Floor-Reply-Bytes";
    /** The largest padded reply (a Nodes-mode filter reply at 5,000 nodes is ~30 MB). */
    static final int MAX_REPLY_BYTES = 256 * 1024 * 1024;
    /** Padded replies kept for reuse, in bytes over all sizes; past it, padded per request. */
    static final long KEPT_BYTES = 64L * 1024 * 1024;

    /** The /prioritize reply: an empty HostPriorityList. */
    static final byte[] PRIORITIZE_REPLY = "[]".getBytes(StandardCharsets.UTF_8);

    private FloorServer() {
    }

    /** {@code serve [--manifests DIR] [--port N] [--host H]}; serves until the process is stopped. */
    public static void main(String[] args) throws InterruptedException {
        int port = 8889;
        String host = "127.0.0.1";
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "serve" -> { }
                case "--port" -> port = Integer.parseInt(args[++i]);
                case "--host" -> host = args[++i];
                case "--manifests" -> i++;
                default -> throw new IllegalArgumentException("unknown argument '" + args[i]
                        + "' (usage: serve [--manifests DIR] [--port N] [--host H])");
            }
        }
        Vertx vertx = Vertx.vertx();
        HttpServer server = start(vertx, host, port).toCompletionStage().toCompletableFuture().join();
        System.out.println("floor server listening on " + host + ":" + server.actualPort());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            vertx.close().toCompletionStage().toCompletableFuture().join();
            stopped.countDown();
        }));
        stopped.await();
    }

    /** Binds the floor server on {@code host:port} (0 = any free port). */
    public static Future<HttpServer> start(Vertx vertx, String host, int port) {
        Reply filter = new Reply(Buffer.buffer(FILTER_REPLY));
        Reply prioritize = new Reply(Buffer.buffer(PRIORITIZE_REPLY));
        return vertx.createHttpServer().requestHandler(request -> handle(request, filter, prioritize)).listen(port, host);
    }

    private static void handle(HttpServerRequest request, Reply filter, Reply prioritize) {
        switch (request.path()) {
            case "/readyz", "/healthz" -> request.response().end("ready\n");
            case "/filter" -> request.body().onSuccess(body -> json(request, filter));
            case "/prioritize" -> request.body().onSuccess(body -> json(request, prioritize));
            default -> request.response().setStatusCode(404).end();
        }
    }

    private static void json(HttpServerRequest request, Reply reply) {
        Buffer answer;
        try {
            answer = reply.of(request.getHeader(REPLY_BYTES));
        } catch (NumberFormatException e) {
            request.response().setStatusCode(400).end(REPLY_BYTES + " must be a number of bytes\n");
            return;
        }
        request.response().putHeader("Content-Type", "application/json").end(answer);
    }

    /** A fixed reply and its padded copies, each size made once while they fit in {@link #KEPT_BYTES}. */
    static final class Reply {
        private final Buffer fixed;
        private final Map<Integer, Buffer> padded = new ConcurrentHashMap<>();
        private final AtomicLong kept = new AtomicLong();

        Reply(Buffer fixed) {
            this.fixed = fixed;
        }

        /** The reply padded to {@code bytes} (a header value; null or too small: the fixed reply). */
        Buffer of(String bytes) {
            int size = bytes == null ? 0 : Math.min(Integer.parseInt(bytes.trim()), MAX_REPLY_BYTES);
            if (size <= fixed.length()) {
                return fixed;
            }
            Buffer made = padded.get(size);
            if (made != null) {
                return made;
            }
            made = padded(fixed, size);
            if (kept.get() + size <= KEPT_BYTES && padded.putIfAbsent(size, made) == null) {
                kept.addAndGet(size); // two threads may both pass the check: the budget is a bound, not exact
            }
            return made;
        }
    }

    /** {@code reply} followed by spaces up to {@code size} bytes. */
    static Buffer padded(Buffer reply, int size) {
        byte[] padded = new byte[size];
        reply.getBytes(padded, 0);
        Arrays.fill(padded, reply.length(), size, (byte) ' ');
        return Buffer.buffer(padded);
    }
}
