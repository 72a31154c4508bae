package dev.locus.load;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The request and byte caps of one point, shared by its clients; the first cap reached stops the point. */
final class Budget {

    /** Error cause of a call not sent because a cap was reached (not counted as an error). */
    static final String SPENT = "budget";

    private final long maxRequests;
    private final long maxBytes;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicReference<String> stoppedBy = new AtomicReference<>();

    Budget(long maxRequests, long maxBytes) {
        this.maxRequests = maxRequests;
        this.maxBytes = maxBytes;
    }

    /** Takes one request of {@code length} bytes; false (and the point stops) once a cap is reached. */
    boolean spend(long length) {
        if (stoppedBy.get() != null) {
            return false;
        }
        if (requests.incrementAndGet() > maxRequests) {
            stop("max-requests");
            return false;
        }
        if (bytes.addAndGet(length) > maxBytes) {
            stop("max-bytes");
            return false;
        }
        return true;
    }

    /** Stops the point for {@code reason}, unless it was already stopped. */
    void stop(String reason) {
        stoppedBy.compareAndSet(null, reason);
    }

    /** Why the point stopped, or null while it runs. */
    String stoppedBy() {
        return stoppedBy.get();
    }
}
