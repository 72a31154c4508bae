package dev.locus.placement;

import dev.locus.api.CandidateNode;
import dev.locus.api.ExtenderArgs;
import dev.locus.api.FilterResult;
import dev.locus.api.HostPriority;
import dev.locus.api.NodeMode;
import dev.locus.api.PodInfo;
import dev.locus.cluster.ClaimInfo;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeInfo;
import dev.locus.cluster.ObjectKey;
import dev.locus.cluster.VolumeInfo;
import dev.locus.config.LocalityPolicy;
import dev.locus.locality.VolumeLocalityIndex;
import dev.locus.locality.VolumePlacement;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The request path of placement, shaped like kube-scheduler's framework: prepare the cycle
 * state once, run the filter plugins, score each volume, normalise to 0..10 in one place.
 */
public final class PlacementEngine {

    private final List<FilterPlugin> filters;
    private final VolumeLocalityIndex locality;
    private final PolicyResolver policies;
    private final ProximityScorer proximity;

    public PlacementEngine(List<FilterPlugin> filters, VolumeLocalityIndex locality, PolicyResolver policies,
                           ProximityScorer proximity) {
        this.filters = List.copyOf(filters);
        this.locality = locality;
        this.policies = policies;
        this.proximity = proximity;
    }

    /** The standard filter chain. */
    public static List<FilterPlugin> defaultFilters() {
        return List.of(new VolumeNodeAffinityFilter(), new StrictLocalityFilter());
    }

    /** Resolves the pod's claims against {@code cluster}: the per-request cycle state. */
    public CycleState prepare(PodInfo pod, ClusterSnapshot cluster) {
        List<PodVolume> volumes = new ArrayList<>(pod.claimNames().size());
        int unknown = 0;
        for (String claimName : pod.claimNames()) {
            ClaimInfo claim = cluster.claim(new ObjectKey(pod.namespace(), claimName));
            VolumeInfo volume = claim != null && claim.bound() ? cluster.volume(claim.volumeName()) : null;
            VolumePlacement placement = volume == null ? VolumePlacement.UNKNOWN : locality.placement(volume, cluster);
            if (claim == null || (claim.bound() && volume == null)) {
                unknown++;
            }
            String className = claim == null ? null : claim.storageClass();
            LocalityPolicy policy = policies.resolve(pod.annotations(), claim, cluster.storageClass(className));
            long size = claim != null && claim.requestBytes() > 0 ? claim.requestBytes()
                    : volume != null ? volume.capacityBytes() : 0;
            volumes.add(new PodVolume(pod.namespace() + "/" + claimName, claim, volume, placement, policy,
                    Math.max(size, 1)));
        }
        return new CycleState(pod, cluster, volumes, unknown);
    }

    /** Runs every filter on every candidate; the first rejection of a node is its reason. */
    public FilterResult filter(CycleState state, ExtenderArgs args) {
        List<CandidateNode> nodes = args.nodes();
        BitSet passing = new BitSet(nodes.size());
        Map<String, String> failed = new HashMap<>();
        Map<String, String> unresolvable = new HashMap<>();
        if (state.neutral()) {
            passing.set(0, nodes.size());
            return new FilterResult(passing, failed, unresolvable);
        }
        for (int i = 0; i < nodes.size(); i++) {
            NodeView node = view(nodes.get(i), args.mode(), state.cluster());
            Status status = firstRejection(state, node);
            switch (status.code()) {
                case SUCCESS -> passing.set(i);
                case UNSCHEDULABLE -> failed.put(node.name(), status.reason());
                case UNSCHEDULABLE_AND_UNRESOLVABLE -> unresolvable.put(node.name(), status.reason());
                default -> throw new IllegalStateException("unexpected status " + status);
            }
        }
        return new FilterResult(passing, failed, unresolvable);
    }

    private Status firstRejection(CycleState state, NodeView node) {
        for (FilterPlugin filter : filters) {
            Status status = filter.filter(state, node);
            if (!status.isSuccess()) {
                return status;
            }
        }
        return Status.SUCCESS;
    }

    /** Scores every candidate exactly once, 0..10; equal closeness gives equal scores. */
    public List<HostPriority> prioritize(CycleState state, ExtenderArgs args) {
        List<HostPriority> priorities = new ArrayList<>(args.nodes().size());
        boolean neutral = state.neutral();
        for (CandidateNode candidate : args.nodes()) {
            int score = neutral ? HostPriority.MIN_SCORE
                    : score(state, view(candidate, args.mode(), state.cluster()));
            priorities.add(new HostPriority(candidate.name(), score));
        }
        return priorities;
    }

    /**
     * The one place scores are combined and normalised: the size-weighted mean of the
     * per-volume scores of volumes whose locality is known and whose policy scores,
     * rounded and clamped to 0..10. No such volume: the minimum, for every node alike.
     */
    int score(CycleState state, NodeView node) {
        double weighted = 0;
        double total = 0;
        for (PodVolume v : state.volumes()) {
            if (v.placement().unknown() || v.policy() == LocalityPolicy.NONE) {
                continue;
            }
            int s = proximity.tier(v.placement(), node, state.cluster()).score();
            if (v.policy() == LocalityPolicy.SPREAD) {
                s = HostPriority.MAX_SCORE - s;
            }
            weighted += (double) v.weight() * s;
            total += v.weight();
        }
        if (total == 0) {
            return HostPriority.MIN_SCORE;
        }
        long rounded = Math.round(weighted / total);
        return (int) Math.max(HostPriority.MIN_SCORE, Math.min(HostPriority.MAX_SCORE, rounded));
    }

    /** Node facts from the request (Nodes mode) or, failing that, from the snapshot. */
    static NodeView view(CandidateNode candidate, NodeMode mode, ClusterSnapshot cluster) {
        if (mode == NodeMode.NODES) {
            return new NodeView(candidate.name(), candidate.labels(), candidate.annotations(), true);
        }
        NodeInfo info = cluster.node(candidate.name());
        return info == null ? new NodeView(candidate.name(), Map.of(), Map.of(), false)
                : new NodeView(info.name(), info.labels(), info.annotations(), true);
    }
}
