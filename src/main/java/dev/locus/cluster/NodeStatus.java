package dev.locus.cluster;

/**
 * What the health monitor reads of a Node's status: whether the kubelet is there, whether
 * new pods may go there, and its allocatable CPU and memory. Placement does not read it.
 *
 * <p>Kept small and free of timestamps on purpose: a Node's heartbeats change its object
 * every few seconds, and a record that only changes when the node's state does keeps the
 * live-mode stores from rebuilding snapshots on every heartbeat.
 *
 * @param readiness           from the Ready condition and the not-ready / unreachable taints
 * @param unschedulable       {@code spec.unschedulable} (cordoned)
 * @param allocatableMilliCpu {@code status.allocatable.cpu} in millicores, -1 when unknown
 * @param allocatableMemory   {@code status.allocatable.memory} in bytes, -1 when unknown
 */
public record NodeStatus(Readiness readiness, boolean unschedulable, long allocatableMilliCpu, long allocatableMemory) {

    /** A node whose status says nothing (manifests usually omit it): ready, room unknown. */
    public static final NodeStatus UNKNOWN = new NodeStatus(Readiness.READY, false, -1, -1);

    /** The taint the node lifecycle controller sets when the Ready condition is False. */
    public static final String NOT_READY_TAINT = "node.kubernetes.io/not-ready";
    /** The taint the node lifecycle controller sets when the Ready condition is Unknown (kubelet silent). */
    public static final String UNREACHABLE_TAINT = "node.kubernetes.io/unreachable";

    public NodeStatus {
        java.util.Objects.requireNonNull(readiness, "readiness");
    }

    /** The kubelet's state as the API server shows it. */
    public enum Readiness {
        /** Ready condition True (or absent: nothing says otherwise) and no not-ready/unreachable taint. */
        READY,
        /** Ready condition False, or the not-ready taint. */
        NOT_READY,
        /** Ready condition Unknown (the kubelet stopped posting), or the unreachable taint. */
        UNREACHABLE
    }
}
