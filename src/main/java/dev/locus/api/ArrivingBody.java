package dev.locus.api;

import java.io.IOException;
import java.util.Arrays;

/**
 * A request body that may still be arriving, read from another thread than the one it
 * arrives on, so that a large body is decoded while its later bytes are still on their way.
 */
public interface ArrivingBody {

    /**
     * Waits until more than {@code have} bytes have arrived, or the whole body has.
     *
     * @return the bytes so far; fails if the body will never be complete (the request was
     *         refused, timed out or its client went away)
     */
    Arrived await(int have) throws IOException;

    /** The whole body (waits for it). */
    default byte[] whole() throws IOException {
        Arrived arrived = await(0);
        while (!arrived.complete()) {
            arrived = await(arrived.length());
        }
        return arrived.length() == arrived.bytes().length ? arrived.bytes()
                : Arrays.copyOf(arrived.bytes(), arrived.length());
    }

    /** A body that has arrived in full. */
    static ArrivingBody of(byte[] body) {
        Arrived all = new Arrived(body, body.length, true);
        return have -> all;
    }

    /**
     * The body's first {@code length} bytes, in {@code bytes} from index 0 (the array may be
     * longer, and a later {@link #await} may return another array with the same first bytes).
     *
     * @param complete whether these are all of the body's bytes
     */
    record Arrived(byte[] bytes, int length, boolean complete) {
    }
}
