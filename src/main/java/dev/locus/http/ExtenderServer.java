package dev.locus.http;

import dev.locus.api.ArrivingBody;
import dev.locus.api.BadRequestException;
import dev.locus.api.ExtenderArgs;
import dev.locus.api.ExtenderArgsDecoder;
import dev.locus.api.ExtenderReplyEncoder;
import dev.locus.api.ExplanationEncoder;
import dev.locus.api.FilterResult;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ClusterState;
import dev.locus.config.LocusConfig;
import dev.locus.placement.CycleState;
import dev.locus.placement.PlacementEngine;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The extender's HTTP face: one line per route, handlers as method references, one
 * failure mapper. Decoding, placement and encoding run on placement threads, never on the
 * event loop, because a Nodes-mode body can be ~90 MB. {@code POST /explain} takes the body
 * of /filter and answers, per node, every filter verdict and score component (docs/placement.md);
 * {@code GET /monitor} shows the storage health monitor's decisions (docs/health-monitor.md).
 */
public final class ExtenderServer {

    private static final Logger LOG = LoggerFactory.getLogger(ExtenderServer.class);
    private static final String JSON = "application/json";

    private final Vertx vertx;
    private final LocusConfig config;
    private final ClusterState cluster;
    private final PlacementEngine engine;
    private final LocusMetrics metrics;
    private final RequestDeadline deadline;
    private final HttpListeners listeners;
    private final AtomicBoolean warmUpStarted = new AtomicBoolean();
    private volatile boolean warm;
    private final Supplier<String> monitor;
    private final FirstSync firstSync;
    private final UnseenBindings unseenBindings;
    private final ReplicasNotOffered notOffered;

    /** @param monitor the body of {@code GET /monitor}: the health monitor's decisions (docs/health-monitor.md) */
    public ExtenderServer(Vertx vertx, LocusConfig config, ClusterState cluster, PlacementEngine engine,
                          LocusMetrics metrics, Supplier<String> monitor) {
        this.monitor = monitor;
        this.vertx = vertx;
        this.config = config;
        this.cluster = cluster;
        this.engine = engine;
        this.metrics = metrics;
        this.deadline = new RequestDeadline(vertx, config.limits().requestDeadlineMillis(), metrics.registry());
        this.listeners = new HttpListeners(vertx, config, metrics.registry());
        SnapshotWait snapshots = new SnapshotWait(cluster);
        this.firstSync = new FirstSync(cluster, snapshots);
        this.unseenBindings = new UnseenBindings(cluster, snapshots, metrics.registry());
        this.notOffered = new ReplicasNotOffered(metrics.registry());
    }

    /** Binds the extender port (and the health port, if set); completes with the extender port bound. */
    public Future<Integer> start() {
        BodyReader body = new BodyReader(config.maxBodyBytes(), config.limits().maxInFlightBodyBytes(),
                metrics.registry());
        Router router = Router.router(vertx);
        router.post("/filter").handler(ctx -> measure(ctx, "filter")).handler(body::stream).handler(this::filter);
        router.post("/prioritize").handler(ctx -> measure(ctx, "prioritize")).handler(body::stream)
                .handler(this::prioritize);
        router.post("/explain").handler(ctx -> measure(ctx, "explain")).handler(body::stream)
                .blockingHandler(this::explain, false);
        router.get("/monitor").blockingHandler(this::monitor, false);
        cluster.addListener(change -> warmUp());
        warmUp();
        return listeners.start(withHealthRoutes(router), withHealthRoutes(Router.router(vertx)));
    }

    /** Once the cluster is ready: the JIT warm-up ({@link WarmUp}) on a worker; /readyz answers 200 after it. */
    private void warmUp() {
        if (!cluster.ready() || !warmUpStarted.compareAndSet(false, true)) {
            return;
        }
        vertx.executeBlocking(() -> {
            long start = System.nanoTime();
            try {
                int pairs = WarmUp.run(engine, cluster.current());
                LOG.info("warm-up: {} filter + prioritize pairs in {} ms", pairs, (System.nanoTime() - start) / 1_000_000);
            } catch (RuntimeException e) {
                LOG.warn("warm-up failed; serving without it", e);
            } finally {
                warm = true;
            }
            return null;
        }, false);
    }

    /** Adds health, readiness and metrics (served on the extender port and on {@code server.healthPort}). */
    private Router withHealthRoutes(Router router) {
        router.get("/healthz").handler(ctx -> ctx.response().end("ok\n"));
        router.get("/readyz").handler(this::readyz);
        router.get("/metrics").blockingHandler(this::metricsText);
        router.route().failureHandler(this::fail);
        router.errorHandler(404, this::fail);
        router.errorHandler(405, this::fail);
        return router;
    }

    public Future<Void> stop() {
        deadline.close();
        return listeners.stop();
    }

    private void measure(RoutingContext ctx, String verb) {
        long start = System.nanoTime();
        ctx.addBodyEndHandler(v -> metrics.request(verb, ctx.response().getStatusCode(), System.nanoTime() - start,
                ctx.request().bytesRead()));
        deadline.arm(ctx);
        ctx.next();
    }

    /** On the event loop: decoding, placement and encoding run on a placement thread (see {@link RequestDeadline}). */
    private void filter(RoutingContext ctx) {
        answer(ctx, "filter", () -> {
            if (notReady(ctx, "filter")) {
                return null;
            }
            ExtenderArgs args = decode(ctx);
            return new RequestDeadline.Job(() -> {
                CycleState state = engine.prepare(args.pod(), snapshotFor(ctx, args));
                metrics.unknownLocality(state.unknownClaims());
                FilterResult verdicts = engine.filter(state, args);
                notOffered.record(args.pod(), verdicts.warnings());
                return ExtenderReplyEncoder.filter(args, verdicts);
            }, () -> ExtenderReplyEncoder.filter(args, DegradedAnswer.filter(engine, cluster.current(), args)));
        });
    }

    private void prioritize(RoutingContext ctx) {
        answer(ctx, "prioritize", () -> {
            if (notReady(ctx, "prioritize")) {
                return null;
            }
            ExtenderArgs args = decode(ctx);
            return new RequestDeadline.Job(() -> {
                CycleState state = engine.prepare(args.pod(), snapshotFor(ctx, args));
                metrics.unknownLocality(state.unknownClaims());
                return ExtenderReplyEncoder.priorities(args, engine.scores(state, args));
            }, () -> ExtenderReplyEncoder.priorities(args, DegradedAnswer.prioritize(args)));
        });
    }

    /**
     * Runs the job within the deadline; a failure goes to the failure mapper on the request's
     * event loop. The job waits for the first sync on its placement thread (see {@link FirstSync}).
     */
    private void answer(RoutingContext ctx, String verb, Supplier<RequestDeadline.Job> decode) {
        Context context = vertx.getOrCreateContext();
        deadline.run(RequestDeadline.arrived(ctx), verb, decode, (json, failure) -> {
            if (failure != null) {
                context.runOnContext(v -> ctx.fail(failure));
            } else {
                reply(ctx, json);
            }
        });
    }

    private void explain(RoutingContext ctx) {
        if (notReady(ctx, "explain")) {
            return;
        }
        ExtenderArgs args = decode(ctx);
        CycleState state = engine.prepare(args.pod(), snapshotFor(ctx, args));
        reply(ctx, ExplanationEncoder.encode(engine.explain(state, args)));
    }

    /**
     * Before the first full sync nothing is answered from the cluster view (see {@link FirstSync});
     * a request waits for it while its budget lasts, but for {@link FirstSync#PLACEMENT_RESERVE_NANOS}.
     */
    private boolean notReady(RoutingContext ctx, String verb) {
        return firstSync.refuses(ctx, verb, deadline.remainingNanos(ctx) - FirstSync.PLACEMENT_RESERVE_NANOS, metrics);
    }

    /** The newest snapshot, or a newer one if it lacks a binding the scheduler has seen (see {@link UnseenBindings}). */
    private ClusterSnapshot snapshotFor(RoutingContext ctx, ExtenderArgs args) {
        return unseenBindings.snapshotFor(args.pod(), deadline.remainingNanos(ctx) - FirstSync.PLACEMENT_RESERVE_NANOS);
    }

    private static ExtenderArgs decode(RoutingContext ctx) {
        ArrivingBody arriving = ctx.get(BodyReader.ARRIVING);
        if (arriving != null) {
            return ExtenderArgsDecoder.decode(arriving);
        }
        byte[] body = ctx.get(BodyReader.BODY);
        if (body == null || body.length == 0) {
            throw new BadRequestException("empty request body: expected ExtenderArgs JSON");
        }
        return ExtenderArgsDecoder.decode(body);
    }

    private static void reply(RoutingContext ctx, Buffer json) {
        if (ctx.response().ended()) {
            return;
        }
        ctx.response().putHeader("Content-Type", JSON).end(json);
    }

    private void monitor(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", JSON).end(monitor.get());
    }

    /**
     * 503 until the first full sync; then 200 for good, also while watches are lost (an outage
     * hits every replica alike, and the last synced state places pods better than no Locus).
     * The body then says how stale the answers are (docs/live-cluster.md, "Staleness rule").
     */
    private void readyz(RoutingContext ctx) {
        if (!cluster.ready()) {
            ctx.response().setStatusCode(503).end("not ready: cluster state not synced\n");
            return;
        }
        if (!warm) {
            ctx.response().setStatusCode(503).end("not ready: warming up\n");
            return;
        }
        double stale = cluster.staleSeconds();
        ctx.response().end(stale <= 0 ? "ready\n" : String.format(java.util.Locale.ROOT,
                "ready; stale: not in sync with the API server for %.0f s, answering from snapshot generation %d%n",
                stale, cluster.current().generation()));
    }

    private void metricsText(RoutingContext ctx) {
        ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape());
    }

    /** The one failure mapper: every error reply is {@code {"Error": "..."}} with a 4xx/5xx status. */
    private void fail(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (ctx.response().ended() || failure instanceof HttpClosedException) {
            return; // answered already (408), or the client is gone: nobody to tell
        }
        int status;
        ErrorCause cause;
        String message;
        if (failure instanceof BadRequestException) {
            status = 400;
            cause = ErrorCause.BAD_REQUEST;
            message = failure.getMessage();
        } else if (ctx.statusCode() == 413) {
            status = 413;
            cause = ErrorCause.BODY_TOO_LARGE;
            message = "request body exceeds " + config.maxBodyBytes() + " bytes (" + LocusConfig.MAX_BODY_BYTES + ")";
        } else if (ctx.statusCode() == BodyReader.BUDGET_SPENT) {
            ctx.response().putHeader("Retry-After", "1");
            status = BodyReader.BUDGET_SPENT;
            cause = ErrorCause.BODIES_IN_FLIGHT;
            message = "too many request body bytes in flight: over " + config.limits().maxInFlightBodyBytes()
                    + " bytes (" + LocusConfig.MAX_IN_FLIGHT_BODY_BYTES + "); retry later";
        } else if (ctx.statusCode() == 404 || ctx.statusCode() == 405) {
            status = ctx.statusCode();
            cause = status == 404 ? ErrorCause.NOT_FOUND : ErrorCause.METHOD_NOT_ALLOWED;
            message = (status == 404 ? "no such endpoint: " : "method not allowed: ") + ctx.request().method() + " "
                    + ctx.request().path();
        } else if (ctx.statusCode() == 408) {
            status = 408;
            cause = ErrorCause.REQUEST_TIMEOUT;
            message = "request body not received within " + config.limits().requestDeadlineMillis() + " ms ("
                    + LocusConfig.REQUEST_DEADLINE_MILLIS + ")";
        } else if (ctx.statusCode() >= 400 && ctx.statusCode() < 500) {
            status = ctx.statusCode();
            cause = ErrorCause.BAD_REQUEST;
            message = "bad request: " + (failure == null ? "HTTP " + status : failure.getMessage());
        } else {
            status = 500;
            cause = ErrorCause.INTERNAL;
            message = "internal error: " + (failure == null ? "unknown" : failure);
            LOG.error("request {} {} failed", ctx.request().method(), ctx.request().path(), failure);
        }
        metrics.error(cause);
        if (ctx.response().ended()) {
            return;
        }
        if (status == 413 || status == BodyReader.BUDGET_SPENT || status == 408) {
            // the client may still be sending the body (too large, over the budget, too slow)
            BodyReader.closeAfterReply(ctx);
        }
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", JSON).end(ExtenderReplyEncoder.error(message));
    }
}
