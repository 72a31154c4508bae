package dev.locus.placement;

import java.util.Objects;

/**
 * A filter verdict, as kube-scheduler's framework has it: rejection is a value, never an
 * exception, and an expected rejection is kept apart from an internal error.
 */
public record Status(Code code, String reason) {

    /** The verdict kinds; the two rejections map to the two failure maps of the reply. */
    public enum Code {
        SUCCESS,
        /** {@code FailedNodes}: preemption may still make the node fit. */
        UNSCHEDULABLE,
        /** {@code FailedAndUnresolvableNodes}: preemption cannot help. */
        UNSCHEDULABLE_AND_UNRESOLVABLE
    }

    public static final Status SUCCESS = new Status(Code.SUCCESS, "");

    public Status {
        Objects.requireNonNull(code);
        Objects.requireNonNull(reason);
    }

    public static Status unschedulable(String reason) {
        return new Status(Code.UNSCHEDULABLE, reason);
    }

    public static Status unresolvable(String reason) {
        return new Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, reason);
    }

    public boolean isSuccess() {
        return code == Code.SUCCESS;
    }
}
