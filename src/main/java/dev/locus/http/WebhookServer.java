package dev.locus.http;

import dev.locus.admission.AdmissionRequest;
import dev.locus.admission.BadReviewException;
import dev.locus.admission.Reason;
import dev.locus.admission.ReviewCodec;
import dev.locus.admission.SchedulerNameWebhook;
import dev.locus.cluster.ClusterState;
import dev.locus.config.LocusConfig;
import dev.locus.config.TlsSettings;
import dev.locus.config.WebhookSettings;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedulerName admission webhook's HTTPS port ({@code webhook.port}): one route,
 * {@code POST /mutate-scheduler-name}, and one failure mapper.
 *
 * <p>Design: every AdmissionReview that decodes is answered 200 {@code allowed: true}, with
 * or without a patch, whatever happens after decoding; only a body that is not a v1
 * AdmissionReview (no uid to answer) gets a 4xx with a plain-text reason, which the API
 * server quotes in its log before applying {@code failurePolicy: Ignore}. A pod naming a claim
 * the snapshot does not hold yet is asked about again when the next snapshot is published
 * ({@link SnapshotWait#next}: no thread waits, nothing polls), for at most
 * {@code webhook.cacheWaitMillis} and never more than half the {@code ?timeout=} the API server
 * sends; then it is allowed unchanged. Each decision reads the snapshot once. A state that
 * publishes no newer snapshots (manifests) is not waited for. The certificate is re-read like the extender's ({@link CertificateReloader}).
 */
public final class WebhookServer {

    /** The route the MutatingWebhookConfiguration names. */
    public static final String PATH = "/mutate-scheduler-name";

    /**
     * Largest review accepted, bytes: 4 MiB. The API server refuses request bodies over 3 MiB,
     * so a pod (plus the review's ~1 KiB envelope) is always smaller.
     */
    static final long MAX_BODY_BYTES = 4L * 1024 * 1024;
    /** Review bytes buffered at once over all connections: 16 of the largest. */
    static final long MAX_IN_FLIGHT_BYTES = 16 * MAX_BODY_BYTES;
    /** Time for a body to arrive, ms: longer than any timeoutSeconds (at most 30 s) is pointless. */
    static final long BODY_TIMEOUT_MILLIS = 30_000;

    private static final Logger LOG = LoggerFactory.getLogger(WebhookServer.class);
    private static final Pattern TIMEOUT = Pattern.compile("(\\d{1,5})s");

    private final Vertx vertx;
    private final LocusConfig config;
    private final WebhookSettings settings;
    private final ClusterState cluster;
    private final SchedulerNameWebhook webhook;
    private final MeterRegistry registry;
    private final WebhookMetrics metrics;
    private final SnapshotWait snapshots;
    private HttpServer server;
    private CertificateReloader reloader;

    public WebhookServer(Vertx vertx, LocusConfig config, ClusterState cluster, SchedulerNameWebhook webhook,
                         MeterRegistry registry) {
        this.vertx = vertx;
        this.config = config;
        this.settings = config.webhook();
        this.cluster = cluster;
        this.webhook = webhook;
        this.registry = registry;
        this.metrics = new WebhookMetrics(registry);
        this.snapshots = new SnapshotWait(cluster);
    }

    /** Binds the webhook port over TLS; completes with the port bound. */
    public Future<Integer> start() {
        TlsSettings tls = settings.tls(config.tls().reloadIntervalSeconds());
        BodyReader body = new BodyReader(MAX_BODY_BYTES, MAX_IN_FLIGHT_BYTES, registry,
                "locus.webhook.body.bytes.in.flight");
        Router router = Router.router(vertx);
        router.post(PATH).handler(this::arm).handler(body::handle).blockingHandler(this::review, false);
        router.route().failureHandler(this::fail);
        router.errorHandler(404, this::fail);
        router.errorHandler(405, this::fail);
        return vertx.executeBlocking(() -> TlsOptions.read(vertx, tls, TlsOptions.Keys.WEBHOOK), false)
                .compose(material -> {
                    HttpServerOptions options = TlsOptions.apply(HttpListeners.options(config, settings.port()),
                            material, tls);
                    return HttpListeners.listen(vertx, config, registry, options, "webhook", router)
                            .onSuccess(s -> {
                                server = s;
                                LOG.info("schedulerName webhook serving on https://{}:{}{}: pods go to {} when they use a"
                                        + " class of provisioners {} or annotated {}", config.host(), s.actualPort(), PATH,
                                        settings.schedulerName(), settings.provisioners(),
                                        dev.locus.admission.ManagedClasses.ANNOTATION + "=true");
                                reloader = new CertificateReloader(vertx, tls, TlsOptions.Keys.WEBHOOK,
                                        "locus.webhook.tls", material, List.of(s), options.getSslOptions(), registry);
                                reloader.start();
                            });
                }).map(HttpServer::actualPort);
    }

    public Future<Void> stop() {
        Future<Void> reloaderStopped = reloader == null ? Future.succeededFuture() : reloader.stop();
        return reloaderStopped.compose(stopped -> server == null ? Future.succeededFuture() : server.close());
    }

    /** Notes the arrival time and gives the body {@link #BODY_TIMEOUT_MILLIS} to arrive. */
    private void arm(RoutingContext ctx) {
        RequestDeadline.arm(vertx, ctx, BODY_TIMEOUT_MILLIS);
        ctx.next();
    }

    private void review(RoutingContext ctx) {
        AdmissionRequest request = ReviewCodec.decode(ctx.get(BodyReader.BODY));
        try {
            SchedulerNameWebhook.Review review = webhook.read(request);
            long waitUntil = RequestDeadline.arrived(ctx) + TimeUnit.MILLISECONDS.toNanos(waitBudget(ctx));
            answer(ctx, review, waitUntil);
        } catch (RuntimeException e) {
            reply(ctx, request, SchedulerNameWebhook.internalError(request.uid(), e));
        }
    }

    /** The cache wait: {@code webhook.cacheWaitMillis}, at most half the API server's {@code ?timeout=}. */
    private long waitBudget(RoutingContext ctx) {
        String timeout = ctx.request().getParam("timeout");
        Matcher seconds = timeout == null ? null : TIMEOUT.matcher(timeout);
        long budget = settings.cacheWaitMillis();
        return seconds != null && seconds.matches() ? Math.min(budget, Long.parseLong(seconds.group(1)) * 500) : budget;
    }

    /**
     * Decides on one snapshot, read once; a {@code waiting} answer is decided again when the
     * next snapshot is published, or sent as it is when the wait is over ({@link SnapshotWait#within}).
     * Either happens back on the request's context, never on the publishing or the JDK's timer thread.
     */
    private void answer(RoutingContext ctx, SchedulerNameWebhook.Review review, long waitUntil) {
        // taken before the snapshot is read: a snapshot published meanwhile still wakes this review
        CompletableFuture<Void> publication = snapshots.publication();
        SchedulerNameWebhook.Answer answer = webhook.answer(review, cluster.current(), cluster.ready());
        if (!answer.waiting() || ctx.response().closed()) {
            reply(ctx, review.request(), answer);
            return;
        }
        Context context = vertx.getOrCreateContext();
        long waitNanos = cluster.live() ? waitUntil - System.nanoTime() : 0; // manifests: no newer snapshot comes
        SnapshotWait.within(publication, waitNanos).thenAccept(newer -> context.executeBlocking(() -> {
            if (newer) {
                answer(ctx, review, waitUntil); // a mutation copies and compares the whole pod: on a worker
            } else {
                reply(ctx, review.request(), answer);
            }
            return null;
        }, false).onFailure(e -> reply(ctx, review.request(),
                SchedulerNameWebhook.internalError(review.request().uid(), e))));
    }

    private void reply(RoutingContext ctx, AdmissionRequest request, SchedulerNameWebhook.Answer answer) {
        long nanos = System.nanoTime() - RequestDeadline.arrived(ctx);
        metrics.count(answer.reason(), nanos);
        LOG.debug("review {} {} {}/{} dryRun={}: {} ({}: {}) in {} µs", request.uid(), request.operation(),
                request.namespace(), request.object().path("metadata").path("name").asString(
                        request.object().path("metadata").path("generateName").asString("")),
                request.dryRun(), answer.reason().outcome().label(), answer.reason().label(), answer.detail(),
                nanos / 1000);
        if (answer.reason() == Reason.INTERNAL) {
            LOG.warn("review {}: internal error, pod allowed unchanged: {}", request.uid(), answer.detail());
        }
        if (!ctx.response().ended() && !ctx.response().closed()) {
            ctx.response().putHeader("Content-Type", "application/json").end(Buffer.buffer(answer.body()));
        }
    }

    /** The one failure mapper: a plain-text reason with a 4xx (5xx only for a failure before decoding). */
    private void fail(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (ctx.response().ended() || failure instanceof HttpClosedException) {
            return;
        }
        int status = ctx.statusCode();
        Reason reason;
        String message;
        if (failure instanceof BadReviewException) {
            status = 400;
            reason = Reason.BAD_REVIEW;
            message = failure.getMessage();
        } else if (status == 413) {
            reason = Reason.BODY_TOO_LARGE;
            message = "AdmissionReview larger than " + MAX_BODY_BYTES + " bytes";
        } else if (status == BodyReader.BUDGET_SPENT) {
            reason = Reason.BODIES_IN_FLIGHT;
            message = "too many review bytes in flight (over " + MAX_IN_FLIGHT_BYTES + "); retry later";
            ctx.response().putHeader("Retry-After", "1");
        } else if (status == 408) {
            reason = Reason.REQUEST_TIMEOUT;
            message = "review body not received within " + BODY_TIMEOUT_MILLIS + " ms";
        } else if (status == 404 || status == 405) {
            reason = Reason.NOT_FOUND;
            message = "no such endpoint: " + ctx.request().method() + " " + ctx.request().path() + " (the webhook is POST "
                    + PATH + ")";
        } else {
            status = 500;
            reason = Reason.INTERNAL;
            message = "internal error: " + failure;
            LOG.error("webhook request failed before it could be answered", failure);
        }
        metrics.count(reason, System.nanoTime() - RequestDeadline.arrived(ctx));
        if (status == 413 || status == BodyReader.BUDGET_SPENT || status == 408) {
            BodyReader.closeAfterReply(ctx); // the rest of the body is read and dropped first
        }
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ctx.response().setStatusCode(status).putHeader("Content-Type", "text/plain; charset=utf-8")
                .end("locus webhook: " + message + "\n");
    }
}
