package dev.locus.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One kube-scheduler-like client: one keep-alive HTTP/1.1 connection, one call at a time,
 * a scheduling cycle = POST /filter with every node, then POST /prioritize with the nodes
 * that passed (skipped when fewer than two passed, as the scheduler skips it). Records
 * latencies in microseconds; not thread-safe (one per thread).
 */
final class SchedulerClient {

    /** Highest latency the histograms track: 2 minutes, above any allowed HTTP timeout. */
    static final long MAX_MICROS = 120_000_000L;
    /** The header that asks bench/'s FloorServer for a reply of this many bytes (its fixed reply, padded). */
    static final String REPLY_BYTES = "X-Floor-Reply-Bytes";

    final Histogram filter = new Histogram(MAX_MICROS, 3);
    final Histogram prioritize = new Histogram(MAX_MICROS, 3);
    final Histogram cycle = new Histogram(MAX_MICROS, 3);
    final Map<String, Long> errors = new HashMap<>();
    long requests;
    long pods;
    long requestBytes;
    long responseBytes;
    long filterBodyBytes;
    /** The bodies of the last cycle: its filter's, and its prioritize's (null when it sent none). */
    ExtenderRequests.Body lastFilter;
    ExtenderRequests.Body lastPrioritize;
    /** Bytes of the replies to {@link #lastFilter} and {@link #lastPrioritize} (0: none). */
    int lastFilterReply;
    int lastPrioritizeReply;

    private final HttpClient http;
    private final URI filterUri;
    private final URI prioritizeUri;
    private final Duration timeout;
    private final ExtenderRequests bodies;
    private final Budget budget;

    SchedulerClient(URI base, ExtenderRequests bodies, Duration timeout, Budget budget) {
        this.budget = budget;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
        this.filterUri = base.resolve("/filter");
        this.prioritizeUri = base.resolve("/prioritize");
        this.timeout = timeout;
        this.bodies = bodies;
    }

    /** Distinct pods the bodies cycle through. */
    int pods() {
        return bodies.pods();
    }

    /** Clears the recorded latencies and counts, for the next measuring window (the connection stays). */
    void reset() {
        filter.reset();
        prioritize.reset();
        cycle.reset();
        errors.clear();
        requests = 0;
        pods = 0;
        requestBytes = 0;
        responseBytes = 0;
        filterBodyBytes = 0;
    }

    /** A reply: status and body, or the error cause when there is none. */
    private record Reply(byte[] body, String error) {
    }

    /** Runs one scheduling cycle for {@code pod}; records it when {@code measured}. */
    void cycle(int pod, boolean measured) {
        long start = System.nanoTime();
        ExtenderRequests.Body filterBody = bodies.filter(pod);
        lastFilter = filterBody;
        lastPrioritize = null;
        lastFilterReply = 0;
        lastPrioritizeReply = 0;
        Reply reply = post(filterUri, filterBody, measured, filter, 0);
        lastFilterReply = reply.body == null ? 0 : reply.body.length;
        if (reply.error != null) {
            return;
        }
        FilterReply result;
        try {
            result = FilterReply.parse(reply.body, bodies.mode());
        } catch (IllegalArgumentException e) {
            error("bad_reply", measured);
            return;
        }
        if (!result.error().isEmpty()) {
            error("extender_error", measured);
            return;
        }
        if (result.passing().size() >= 2) {
            ExtenderRequests.Body body;
            try {
                body = bodies.prioritize(pod, result.passing());
            } catch (IllegalArgumentException e) {
                error("bad_reply", measured);
                return;
            }
            lastPrioritize = body;
            Reply scores = post(prioritizeUri, body, measured, prioritize, 0);
            lastPrioritizeReply = scores.body == null ? 0 : scores.body.length;
            if (Budget.SPENT.equals(scores.error)) {
                return;
            }
            if (scores.error == null && !startsWith(scores.body, '[')) {
                error("bad_reply", measured);
            }
        }
        if (measured) {
            pods++;
            filterBodyBytes += filterBody.length();
            cycle.recordValue(Math.min(MAX_MICROS, (System.nanoTime() - start) / 1000));
        }
    }

    /**
     * Sends the bodies another client's cycle sent ({@code prioritizeBody} may be null) and
     * records their latencies, without reading the replies: how the floor server is driven.
     * A positive {@code filterReply} / {@code prioritizeReply} asks the floor for a reply of that
     * many bytes (header {@value #REPLY_BYTES}), 0 for its fixed one.
     */
    void replay(ExtenderRequests.Body filterBody, ExtenderRequests.Body prioritizeBody, boolean measured,
                int filterReply, int prioritizeReply) {
        long start = System.nanoTime();
        if (post(filterUri, filterBody, measured, filter, filterReply).error != null) {
            return;
        }
        if (prioritizeBody != null
                && post(prioritizeUri, prioritizeBody, measured, prioritize, prioritizeReply).error != null) {
            return;
        }
        if (measured) {
            pods++;
            filterBodyBytes += filterBody.length();
            cycle.recordValue(Math.min(MAX_MICROS, (System.nanoTime() - start) / 1000));
        }
    }

    private Reply post(URI uri, ExtenderRequests.Body body, boolean measured, Histogram latency, int replyBytes) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofByteArrays(body.parts()), body.length()));
        if (replyBytes > 0) {
            builder.header(REPLY_BYTES, Integer.toString(replyBytes));
        }
        HttpRequest request = builder.build();
        if (!budget.spend(body.length())) {
            return new Reply(null, Budget.SPENT);
        }
        long start = System.nanoTime();
        String cause;
        byte[] reply = null;
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            reply = response.body();
            cause = response.statusCode() == 200 ? null : "http_" + response.statusCode();
        } catch (HttpTimeoutException e) {
            cause = "timeout";
        } catch (IOException e) {
            cause = "transport";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cause = "interrupted";
        }
        if (measured) {
            requests++;
            requestBytes += body.length();
            responseBytes += reply == null ? 0 : reply.length;
            latency.recordValue(Math.min(MAX_MICROS, (System.nanoTime() - start) / 1000));
            if (cause != null) {
                errors.merge(cause, 1L, Long::sum);
            }
        }
        return new Reply(reply, cause);
    }

    private void error(String cause, boolean measured) {
        if (measured) {
            errors.merge(cause, 1L, Long::sum);
        }
    }

    private static boolean startsWith(byte[] body, char first) {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return b == first;
            }
        }
        return false;
    }
}
