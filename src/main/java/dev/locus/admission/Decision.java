package dev.locus.admission;

/**
 * What the webhook does with one pod.
 *
 * @param action  mutate, leave alone, or wait for the cache
 * @param reason  the metric label; for {@link Action#WAIT} the reason it ends with if the wait runs out
 * @param detail  for the log line: the volume that decided, or what is missing
 */
public record Decision(Action action, Reason reason, String detail) {

    public enum Action {
        /** Set spec.schedulerName. */
        MUTATE,
        /** Allow unchanged. */
        SKIP,
        /** A claim or class the pod names is not cached yet: ask again after the next snapshot. */
        WAIT
    }

    static Decision mutate(String detail) {
        return new Decision(Action.MUTATE, Reason.SCHEDULER_SET, detail);
    }

    static Decision skip(Reason reason, String detail) {
        return new Decision(Action.SKIP, reason, detail);
    }

    static Decision await(String detail) {
        return new Decision(Action.WAIT, Reason.NOT_IN_CACHE, detail);
    }
}
