package dev.locus.monitor;

import dev.locus.cluster.ObjectKey;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the monitor decided about one pod, and why; what {@code GET /monitor} lists.
 *
 * @param pod          namespace/name
 * @param uid          the pod's UID (the eviction's precondition)
 * @param node         the node it runs on
 * @param verdict      evict it, leave it (skip), or only report it (drift)
 * @param reason       one of {@link MonitorReasons}
 * @param message      the reason in words, naming volumes and nodes
 * @param failures     the node's failures, described ({@link NodeFailure#describe()})
 * @param replicaNodes healthy nodes holding the pod's data, off its node
 * @param outcome      for a proposed eviction, what the {@link PodEvictor} did; null otherwise
 */
public record Decision(ObjectKey pod, String uid, String node, Verdict verdict, String reason, String message,
                       List<String> failures, Set<String> replicaNodes, PodEvictor.Outcome outcome) {

    /** The kind of decision. */
    public enum Verdict {
        /** Proposed for eviction; the {@link PodEvictor} decides whether it happens now. */
        EVICT,
        /** Affected, but left alone: the reason says why. */
        SKIP,
        /** On a healthy node but away from its data: reported only. */
        DRIFT
    }

    public Decision {
        Objects.requireNonNull(pod, "pod");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(reason, "reason");
        failures = List.copyOf(failures);
        replicaNodes = Set.copyOf(replicaNodes);
    }

    Decision withOutcome(PodEvictor.Outcome value) {
        return new Decision(pod, uid, node, verdict, reason, message, failures, replicaNodes, value);
    }
}
