package dev.locus.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 * of its own, and the Vert.x worker that decoded the request waits for it at most until the
 * deadline: a placement that hangs (a stuck lock, a pathological request) costs one pool
 * thread, never the answer. A body that has not fully arrived by the deadline cannot be
 * answered at all: the request fails with 408 and the connection is closed (a slow-loris
 * sender loses its connection instead of holding it).
 */
final class RequestDeadline implements AutoCloseable {

    /** RoutingContext key of the request's arrival time, {@link System#nanoTime()}. */
    static final String ARRIVED = "locus.arrived";

    /**
     * Placement threads: Vert.x's default worker pool size, so every worker that waits has
     * a placement thread to wait for; idle ones time out after a minute.
     */
    static final int PLACEMENT_THREADS = VertxOptions.DEFAULT_WORKER_POOL_SIZE;

    private static final Logger LOG = LoggerFactory.getLogger(RequestDeadline.class);
    private static final AtomicInteger POOLS = new AtomicInteger();
    /** At most one warning per this interval: an overloaded Locus must not also flood its log. */
    private static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);

    private final Vertx vertx;
    private final long budgetMillis;
    private final MeterRegistry registry;
    private final ThreadPoolExecutor placement;
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);
    private final AtomicLong unlogged = new AtomicLong();

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
        Long arrived = ctx.get(ARRIVED);
        long start = arrived == null ? System.nanoTime() : arrived;
        return start + TimeUnit.MILLISECONDS.toNanos(budgetMillis) - System.nanoTime();
    }

    /** {@link #within(long, String, Supplier, Supplier)} from the request's arrival. */
    <T> T within(RoutingContext ctx, String verb, Supplier<T> work, Supplier<T> fallback) {
        Long arrived = ctx.get(ARRIVED);
        return within(arrived == null ? System.nanoTime() : arrived, verb, work, fallback);
    }

    /**
     * Runs {@code work} on the placement pool and returns its result if it is ready before
     * {@code arrivedNanos} + the budget; else counts the request and returns {@code fallback}.
     * An exception of {@code work} is rethrown as it is, for the failure mapper.
     */
    <T> T within(long arrivedNanos, String verb, Supplier<T> work, Supplier<T> fallback) {
        long remaining = arrivedNanos + TimeUnit.MILLISECONDS.toNanos(budgetMillis) - System.nanoTime();
        if (remaining <= 0) {
            return exceeded(verb, fallback, "before placement started");
        }
        Future<T> task = placement.submit(work::get);
        try {
            return task.get(remaining, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            cancel(task);
            return exceeded(verb, fallback, "placement still running");
        } catch (InterruptedException e) {
            cancel(task);
            Thread.currentThread().interrupt();
            return exceeded(verb, fallback, "interrupted");
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
    }

    private void cancel(Future<?> task) {
        task.cancel(true);
        // a task still queued would keep the request (up to maxBodyBytes) alive: drop it now
        placement.remove((Runnable) task);
    }

    private <T> T exceeded(String verb, Supplier<T> fallback, String why) {
        exceededCounter(verb).increment();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            long more = unlogged.getAndSet(0);
            LOG.warn("{}: {} ms budget spent ({}); answering without locality (filter: safety filters only; prioritize: equal scores){}", verb, budgetMillis, why,
                    more == 0 ? "" : " (" + more + " more since the last warning; see locus_deadline_exceeded_total)");
        } else {
            unlogged.incrementAndGet();
        }
        return fallback.get();
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause);
    }

    @Override
    public void close() {
        placement.shutdownNow();
    }
}
