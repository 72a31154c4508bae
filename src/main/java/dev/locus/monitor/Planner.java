package dev.locus.monitor;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ObjectKey;
import dev.locus.config.LocalityPolicy;
import dev.locus.locality.HostnameIndex;
import dev.locus.locality.VolumeLocalityIndex;
import dev.locus.placement.PolicyResolver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Decides, for every monitored pod, whether it should move: a pure function of the snapshot,
 * the pods and the failures with their grace state. It only proposes; the {@link PodEvictor}
 * acts. The rules, in order, for a pod on a node with a failure:
 * <ol>
 *   <li>already terminating: skip;</li>
 *   <li>no failure on the node past its grace: skip ({@code in-grace});</li>
 *   <li>no controller (bare pod), or a DaemonSet's: skip and report;</li>
 *   <li>a claim or PV not in the snapshot: skip, the data's whereabouts are unknown;</li>
 *   <li>a volume whose known copies are all on failed nodes (this one included): skip and
 *       report ({@code no-healthy-copy}): evicting would cut the pod off its only data;</li>
 *   <li>no volume with a healthy replica elsewhere: skip ({@code no-known-replica});</li>
 *   <li>else: propose the eviction, naming the healthy replica nodes.</li>
 * </ol>
 * A pod on a healthy node none of whose replicas it sits with is reported as drifted.
 */
final class Planner {

    private final VolumeLocalityIndex index;
    private final PolicyResolver policies;

    Planner(VolumeLocalityIndex index, PolicyResolver policies) {
        this.index = index;
        this.policies = policies;
    }

    /** Per node, the CSI drivers the volumes of its monitored pods need (what {@link FailureDetector} checks). */
    static Map<String, Set<String>> neededDrivers(ClusterSnapshot snapshot, List<PodFacts> pods) {
        Map<String, Set<String>> drivers = new HashMap<>();
        for (PodFacts pod : pods) {
            for (String claimName : pod.node() == null ? List.<String>of() : pod.claims()) {
                var claim = snapshot.claim(new ObjectKey(pod.key().namespace(), claimName));
                var volume = snapshot.volumeOf(claim);
                if (volume != null && volume.csiDriver() != null) {
                    drivers.computeIfAbsent(pod.node(), n -> new HashSet<>()).add(volume.csiDriver());
                }
            }
        }
        return drivers;
    }

    /** One decision per affected or drifted pod; pods on healthy nodes next to their data get none. */
    List<Decision> plan(ClusterSnapshot snapshot, List<PodFacts> pods, List<GraceTracker.Tracked> failures,
                        Instant now) {
        Map<String, List<GraceTracker.Tracked>> byNode = new HashMap<>();
        failures.forEach(t -> byNode.computeIfAbsent(t.failure().node(), n -> new ArrayList<>()).add(t));
        Set<String> failingNodes = byNode.keySet();
        HostnameIndex hostnames = HostnameIndex.of(snapshot);
        List<Decision> decisions = new ArrayList<>();
        for (PodFacts pod : pods) {
            if (pod.node() == null || pod.finished() || pod.claims().isEmpty()) {
                continue;
            }
            List<VolumeFacts> volumes = pod.claims().stream()
                    .map(c -> VolumeFacts.of(pod, c, snapshot, index, hostnames, policies, failingNodes)).toList();
            List<GraceTracker.Tracked> onNode = byNode.get(pod.node());
            Decision decision = onNode == null ? drift(pod, volumes) : affected(pod, volumes, onNode, now);
            if (decision != null) {
                decisions.add(decision);
            }
        }
        return decisions;
    }

    private static Decision affected(PodFacts pod, List<VolumeFacts> volumes, List<GraceTracker.Tracked> failures,
                                     Instant now) {
        List<String> described = failures.stream().map(t -> t.failure().describe()).sorted().toList();
        Set<String> healthy = healthyReplicaNodes(volumes);
        if (pod.terminating()) {
            return skip(pod, MonitorReasons.TERMINATING, "already terminating", described, healthy);
        }
        if (failures.stream().noneMatch(GraceTracker.Tracked::confirmed)) {
            Duration left = failures.stream().map(t -> t.remaining(now)).min(Duration::compareTo).orElseThrow();
            return skip(pod, MonitorReasons.IN_GRACE, "node " + pod.node() + " failing (" + String.join(", ", described)
                    + "); acting in " + left.toSeconds() + " s unless it recovers", described, healthy);
        }
        Refusal refusal = refusal(pod, volumes);
        if (refusal != null) {
            return skip(pod, refusal.reason(), refusal.message(), described, healthy);
        }
        return new Decision(pod.key(), pod.uid(), pod.node(), Decision.Verdict.EVICT, MonitorReasons.STORAGE_FAILED,
                "storage on " + pod.node() + " failed (" + String.join(", ", described) + "); healthy replicas on "
                        + new TreeSet<>(healthy), described, healthy, null);
    }

    /** Why a pod stays where it is. */
    record Refusal(String reason, String message) {
    }

    /**
     * The rules on a pod's owner that keep it on its node whatever its data says, or null when
     * its controller would recreate it elsewhere: a bare pod has no controller, a DaemonSet's
     * comes back on the same node. Rebalancing ({@link MonitorPass}) applies the same rules.
     */
    static Refusal ownerRefusal(PodFacts pod) {
        if (pod.bare()) {
            return new Refusal(MonitorReasons.BARE_POD, "no controller would recreate the pod; move it by hand");
        }
        if ("DaemonSet".equals(pod.controllerKind())) {
            return new Refusal(MonitorReasons.DAEMON_SET, "a DaemonSet recreates it on the same node");
        }
        return null;
    }

    /** The first rule that keeps the pod where it is, or null when it may move. */
    private static Refusal refusal(PodFacts pod, List<VolumeFacts> volumes) {
        Refusal byOwner = ownerRefusal(pod);
        if (byOwner != null) {
            return byOwner;
        }
        for (VolumeFacts v : volumes) {
            if (!v.resolved()) {
                return new Refusal(MonitorReasons.UNKNOWN_LOCALITY, v.describe() + " is not (yet) known to Locus");
            }
        }
        for (VolumeFacts v : volumes) {
            if (v.noHealthyCopy()) {
                return new Refusal(MonitorReasons.NO_HEALTHY_COPY, v.describe()
                        + (v.policy() == LocalityPolicy.STRICT ? " (strict)" : "")
                        + " has no healthy copy off the failed node; its data is on " + new TreeSet<>(v.replicaNodes()));
            }
        }
        if (volumes.stream().allMatch(v -> v.healthy().isEmpty())) {
            return new Refusal(MonitorReasons.NO_KNOWN_REPLICA, "no volume has a known healthy replica elsewhere");
        }
        return null;
    }

    /**
     * A pod on a healthy node holding none of its volumes' replicas, while healthy nodes hold
     * them: its data was rebuilt elsewhere after it was placed. Volumes with policy none or
     * spread, or without known replica nodes, do not count.
     */
    private static Decision drift(PodFacts pod, List<VolumeFacts> volumes) {
        List<VolumeFacts> located = volumes.stream().filter(v -> !v.replicaNodes().isEmpty())
                .filter(v -> v.policy() == LocalityPolicy.STRICT || v.policy() == LocalityPolicy.PREFERRED).toList();
        if (pod.terminating() || located.isEmpty() || located.stream().anyMatch(v -> v.replicaNodes().contains(pod.node()))) {
            return null;
        }
        Set<String> healthy = healthyReplicaNodes(located);
        if (healthy.isEmpty()) {
            return null;
        }
        return new Decision(pod.key(), pod.uid(), pod.node(), Decision.Verdict.DRIFT, MonitorReasons.DRIFTED,
                "node " + pod.node() + " holds no replica of " + located.stream().map(VolumeFacts::describe).toList()
                        + "; replicas are on " + new TreeSet<>(healthy), List.of(), healthy, null);
    }

    private static Set<String> healthyReplicaNodes(List<VolumeFacts> volumes) {
        Set<String> healthy = new HashSet<>();
        volumes.forEach(v -> healthy.addAll(v.healthy()));
        return healthy;
    }

    private static Decision skip(PodFacts pod, String reason, String message, List<String> failures,
                                 Set<String> healthy) {
        return new Decision(pod.key(), pod.uid(), pod.node(), Decision.Verdict.SKIP, reason, message, failures,
                healthy, null);
    }
}
