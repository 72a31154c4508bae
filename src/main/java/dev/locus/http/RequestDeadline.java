package dev.locus.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The time budget of one extender request ({@code server.requestDeadlineMillis}), counted
 * from the moment its headers arrive.
 *
 * <p>Design: kube-scheduler blocks a scheduling cycle on every extender call and gives up
 * after its {@code httpTimeout}; an answer after that is wasted and the cycle has failed.
 * So when the budget is spent Locus answers with what it can say without its rules (see
 * {@link DegradedAnswer}) rather than let the scheduler time out. Placement runs on a pool
 * of its own, and a timer answers without it when the deadline comes first: a placement that
 * hangs (a stuck lock, a pathological request) costs one pool thread, never the answer. A
 * body that has not fully arrived by the deadline cannot be answered at all: the request fails with 408 and the connection is closed (a slow-loris
 * sender loses its connection instead of holding it).
 */
final class RequestDeadline implements AutoCloseable {

    /** RoutingContext key of the request's arrival time, {@link System#nanoTime()}. */
    static final String ARRIVED = "locus.arrived";

    /**
     * Placement threads: Vert.x's default worker pool size (20), so as many requests are placed
     * at once as were before on Vert.x's workers; idle ones time out after a minute.
     */
    static final int PLACEMENT_THREADS = VertxOptions.DEFAULT_WORKER_POOL_SIZE;

    private static final Logger LOG = LoggerFactory.getLogger(RequestDeadline.class);
    private static final AtomicInteger POOLS = new AtomicInteger();
    /** At most one warning per this interval: an overloaded Locus must not also flood its log. */
    private static final Duration WARN_INTERVAL = Duration.ofSeconds(10);

    private final Vertx vertx;
    private final long budgetMillis;
    private final MeterRegistry registry;
    private final ThreadPoolExecutor placement;
    private final ScheduledThreadPoolExecutor timers;
    private final RateLimit warnings = new RateLimit(WARN_INTERVAL);

    RequestDeadline(Vertx vertx, long budgetMillis, MeterRegistry registry) {
        this.vertx = vertx;
        this.budgetMillis = budgetMillis;
        this.registry = registry;
        int pool = POOLS.incrementAndGet();
        AtomicInteger threads = new AtomicInteger();
        this.placement = new ThreadPoolExecutor(PLACEMENT_THREADS, PLACEMENT_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "locus-placement-" + pool + "-" + threads.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        placement.allowCoreThreadTimeOut(true);
        this.timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "locus-deadline-" + pool);
            t.setDaemon(true);
            return t;
        });
        timers.setRemoveOnCancelPolicy(true);
        for (String verb : new String[] {"filter", "prioritize"}) {
            exceededCounter(verb); // present at 0, so a rate() or an alert sees the series from the start
        }
    }

    private Counter exceededCounter(String verb) {
        return Counter.builder("locus.deadline.exceeded")
                .description("Extender requests answered without placement because the time budget was spent")
                .tag("verb", verb)
                .register(registry);
    }

    /**
     * On the event loop, as a request's headers arrive: notes the time, and fails the
     * request with 408 if its body is still arriving when the budget is spent.
     */
    void arm(RoutingContext ctx) {
        arm(vertx, ctx, budgetMillis);
    }

    /**
     * {@link #arm(RoutingContext)} with a budget of {@code budgetMillis}: for a port without
     * placement (the webhook's), whose only deadline is the body's.
     */
    static void arm(Vertx vertx, RoutingContext ctx, long budgetMillis) {
        ctx.put(ARRIVED, System.nanoTime());
        long timer = vertx.setTimer(budgetMillis, id -> {
            if (!ctx.request().isEnded() && !ctx.response().ended() && !ctx.failed()) {
                ctx.fail(408);
            }
        });
        ctx.addEndHandler(v -> vertx.cancelTimer(timer));
    }

    /** Nanoseconds left of the request's budget; 0 or less when it is spent. */
    long remainingNanos(RoutingContext ctx) {
        return arrived(ctx) + TimeUnit.MILLISECONDS.toNanos(budgetMillis) - System.nanoTime();
    }

    /**
     * A request's work once its body is decoded, split where the deadline may cut in.
     *
     * @param place    placement and encoding: the reply with Locus's rules
     * @param degraded the reply without them ({@link DegradedAnswer}), for a spent budget
     */
    record Job(Supplier<Buffer> place, Supplier<Buffer> degraded) {
    }

    /** The arrival time {@link #arm} noted for {@code ctx}, or now. */
    static long arrived(RoutingContext ctx) {
        Long arrived = ctx.get(ARRIVED);
        return arrived == null ? System.nanoTime() : arrived;
    }

    /**
     * Decodes and places on one placement thread and hands the reply, or the failure, to
     * {@code answer}, at most once ({@code decode} returns null when it answered the request
     * itself). When the budget counted from {@code arrivedNanos} is spent
     * before the reply is ready, {@code answer} gets the job's degraded reply instead, the
     * request is counted, and the placement thread is interrupted. A decoding that outlasts the
     * budget is not cut short (there is nothing to answer without it); its job is degraded at once.
     *
     * <p>Design: one thread hand-off each way (event loop, placement thread, event loop). The
     * deadline is a timer, not a thread waiting for the placement: a kube-scheduler cycle pays
     * for every hand-off, and on a busy node each one waits for a core.
     */
    void run(long arrivedNanos, String verb, Supplier<Job> decode, BiConsumer<Buffer, Throwable> answer) {
        long due = arrivedNanos + TimeUnit.MILLISECONDS.toNanos(budgetMillis);
        Attempt attempt = new Attempt(verb, answer);
        try {
            attempt.task = placement.submit(() -> attempt.run(decode, due));
            attempt.timer = timers.schedule(attempt::expire, Math.max(0, due - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            attempt.finish(null, e); // closing down
        }
    }

    /** One request on its way through the placement pool; whoever claims it first answers. */
    private final class Attempt {
        private final String verb;
        private final BiConsumer<Buffer, Throwable> answer;
        private final AtomicBoolean answered = new AtomicBoolean();
        private volatile Job job;
        private volatile Future<?> task;
        private volatile ScheduledFuture<?> timer;

        Attempt(String verb, BiConsumer<Buffer, Throwable> answer) {
            this.verb = verb;
            this.answer = answer;
        }

        /** On a placement thread. */
        void run(Supplier<Job> decode, long due) {
            try {
                Job decoded = decode.get();
                if (decoded == null) {
                    finish(null, null); // answered already (refused before the first sync)
                    return;
                }
                job = decoded;
                if (System.nanoTime() - due >= 0) {
                    if (answered.compareAndSet(false, true)) {
                        degrade("before placement started");
                    }
                    return;
                }
                finish(decoded.place().get(), null);
            } catch (RuntimeException | Error e) {
                finish(null, e); // dropped when the deadline answered first (and interrupted us)
            }
        }

        /**
         * On the timer thread, when the budget is spent: claims the answer and stops the
         * placement; the degraded answer (a filter chain and an encoding) is worked out on a
         * Vert.x worker, so the one timer thread is free for the next request's deadline.
         */
        void expire() {
            if (job == null || !answered.compareAndSet(false, true)) {
                return; // still decoding (run degrades it after), or answered
            }
            Future<?> running = task;
            running.cancel(true);
            // a task still queued would keep the request (up to maxBodyBytes) alive: drop it now
            placement.remove((Runnable) running);
            vertx.executeBlocking(() -> {
                degrade("placement still running");
                return null;
            }, false);
        }

        void finish(Buffer reply, Throwable failure) {
            if (!answered.compareAndSet(false, true)) {
                return;
            }
            ScheduledFuture<?> pending = timer;
            if (pending != null) {
                pending.cancel(false);
            }
            if (reply != null || failure != null) {
                answer.accept(reply, failure);
            }
        }

        private void degrade(String why) {
            Buffer reply;
            try {
                reply = exceeded(verb, job.degraded(), why);
            } catch (RuntimeException e) {
                answer.accept(null, e);
                return;
            }
            answer.accept(reply, null);
        }
    }

    private <T> T exceeded(String verb, Supplier<T> fallback, String why) {
        exceededCounter(verb).increment();
        long skipped = warnings.occurrence();
        if (skipped >= 0) {
            LOG.warn("{}: {} ms budget spent ({}); answering without locality (filter: safety filters only; prioritize: "
                    + "equal scores){}", verb, budgetMillis, why, RateLimit.skippedNote(skipped, "locus_deadline_exceeded_total"));
        }
        return fallback.get();
    }

    @Override
    public void close() {
        timers.shutdownNow();
        placement.shutdownNow();
    }
}
