package dev.locus.placement;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The rejections of one scheduling cycle, each made once. A reason names the volume, never
 * the node, so every node a volume rules out for one reason shares one {@link Status}: a
 * 5,000-node filter formats a handful of reasons instead of one per rejected node, and the
 * reply encoder writes each shared reason's JSON once.
 *
 * <p>One per {@link CycleState}, used by the thread that runs the cycle; a linear scan,
 * since a cycle has a few volumes and a few reasons.
 */
public final class Rejections {

    private record Made(PodVolume volume, String reason, Status status) {
    }

    private final List<Made> made = new ArrayList<>(4);

    /**
     * The rejection of {@code volume} for {@code reason} (a {@link Reasons} constant), made by
     * {@code make} the first time it is asked for in this cycle.
     */
    Status of(PodVolume volume, String reason, Supplier<Status> make) {
        for (Made m : made) {
            if (m.volume == volume && m.reason.equals(reason)) {
                return m.status;
            }
        }
        Status status = make.get();
        made.add(new Made(volume, reason, status));
        return status;
    }
}
