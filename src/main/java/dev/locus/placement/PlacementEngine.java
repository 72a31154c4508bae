package dev.locus.placement;

import dev.locus.api.Explanation;
import dev.locus.api.ExtenderArgs;
import dev.locus.api.FilterResult;
import dev.locus.api.HostPriority;
import dev.locus.api.PodInfo;
import dev.locus.cluster.ClaimInfo;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ObjectKey;
import dev.locus.cluster.SnapshotKeyed;
import dev.locus.cluster.StorageClassInfo;
import dev.locus.cluster.VolumeInfo;
import dev.locus.config.LocalityPolicy;
import dev.locus.locality.VolumeLocalityIndex;
import dev.locus.locality.VolumePlacement;
import dev.locus.topology.TopologyIndex;
import dev.locus.topology.TopologyIndexes;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The request path of placement, shaped like kube-scheduler's framework: prepare the cycle
 * state once (claims, policies, tier arrays), resolve the candidates once (ordinals), run
 * the filter plugins, score with {@link ProximityScore}, normalised there and only there.
 */
public final class PlacementEngine {

    private final List<FilterPlugin> filters;
    private final VolumeLocalityIndex locality;
    private final PolicyResolver policies;
    private final TopologyIndexes topologies;
    private final ProximityScore scoring;
    private final SnapshotKeyed<ClusterIndex> indexes = new SnapshotKeyed<>();

    /**
     * @param filters    the filter chain, in order ({@link #defaultFilters()})
     * @param locality   where each volume's data lives
     * @param policies   each volume's locality policy
     * @param topologies the topology index of each snapshot
     * @param scoring    the score plugin and normaliser
     */
    public PlacementEngine(List<FilterPlugin> filters, VolumeLocalityIndex locality, PolicyResolver policies,
                           TopologyIndexes topologies, ProximityScore scoring) {
        this.filters = List.copyOf(filters);
        this.locality = locality;
        this.policies = policies;
        this.topologies = topologies;
        this.scoring = scoring;
    }

    /** The standard filter chain: the unresolvable rejections first, then the recoverable ones. */
    public static List<FilterPlugin> defaultFilters() {
        return List.of(new VolumeNodeAffinityFilter(), new StrictLocalityFilter(), new CsiDriverFilter(),
                new StorageStateFilter(), new CapacityFilter());
    }

    /**
     * The precomputed node facts of {@code cluster}; built once per snapshot, and kept for the
     * two newest ({@link SnapshotKeyed}: requests straddling a new snapshot do not rebuild). A
     * new snapshot whose topology a held one has reuses that one's {@link TopologyIndex}.
     */
    public ClusterIndex index(ClusterSnapshot cluster) {
        return indexes.get(cluster, (s, held) -> new ClusterIndex(s,
                topologies.of(s, held.stream().map(ClusterIndex::topology).toList())));
    }

    /**
     * Computes what scoring needs for the volumes of {@code cluster} now, so the first request
     * after a snapshot change finds its tier arrays ready. Arrays already cached cost a lookup;
     * it stops once the tier cache is full ({@link TopologyIndex#tierCapacity()}), since warming
     * more would only evict what it just computed (a request for a volume beyond that computes
     * its array itself, microseconds on the label tree). Safe to call from any thread;
     * requests never wait for it.
     */
    public void warm(ClusterSnapshot cluster) {
        ClusterIndex index = index(cluster);
        TopologyIndex topology = index.topology();
        Set<VolumePlacement> warmed = new HashSet<>();
        for (VolumeInfo volume : cluster.volumes()) {
            if (warmed.size() >= topology.tierCapacity()) {
                return;
            }
            VolumePlacement placement = index.healthy(index.byName(locality.placement(volume, cluster)),
                    volume.csiDriver());
            if (!placement.unknown() && warmed.add(placement)) {
                topology.tiers(placement);
            }
        }
    }

    /** Resolves the pod's claims against {@code cluster}: the per-request cycle state. */
    public CycleState prepare(PodInfo pod, ClusterSnapshot cluster) {
        return prepare(pod, cluster, true);
    }

    /**
     * The cycle state of the request-deadline fallback: claims, volumes, classes and sizes
     * resolved (hash lookups), but no locality looked up and no tier array computed. The
     * filter chain on it applies every rule except the {@code strict} replica-locality policy
     * (PV node affinity and pinning, CSI driver, storage down, capacity); scores are not
     * computed from it. See docs/security.md, "The request deadline".
     */
    public CycleState prepareWithoutLocality(PodInfo pod, ClusterSnapshot cluster) {
        return prepare(pod, cluster, false);
    }

    private CycleState prepare(PodInfo pod, ClusterSnapshot cluster, boolean locate) {
        ClusterIndex index = index(cluster);
        List<PodVolume> volumes = new ArrayList<>(pod.claimNames().size());
        int unknown = 0;
        for (String claimName : pod.claimNames()) {
            ClaimInfo claim = cluster.claim(new ObjectKey(pod.namespace(), claimName));
            VolumeInfo volume = cluster.volumeOf(claim);
            VolumePlacement located = volume == null || !locate ? VolumePlacement.UNKNOWN
                    : index.byName(locality.placement(volume, cluster));
            String driver = csiDriver(claim, volume, cluster);
            if (claim == null || (claim.bound() && volume == null)) {
                unknown++;
            }
            String className = claim == null ? null : claim.storageClass();
            LocalityPolicy policy = policies.resolve(pod.annotations(), claim, cluster.storageClass(className));
            long size = claim != null && claim.requestBytes() > 0 ? claim.requestBytes()
                    : volume != null ? volume.capacityBytes() : 0;
            VolumePlacement healthy = index.healthy(located, driver);
            byte[] tiers = healthy.unknown() ? null : index.topology().tiers(healthy);
            VolumePlacement serving = index.serving(located, driver);
            Set<String> downReplicas = serving == located ? Set.of() : without(located, serving);
            volumes.add(new PodVolume(pod.namespace() + "/" + claimName, claim, volume, driver, serving, downReplicas,
                    healthy, policy, Math.max(size, 1), PinnedNodes.of(volume), tiers));
        }
        return new CycleState(pod, cluster, index, volumes, unknown);
    }

    /**
     * The CSI driver of a claim: its PV's {@code spec.csi.driver}, else, for an unbound claim,
     * its StorageClass's provisioner unless that is in-tree ({@code kubernetes.io/...}); or null.
     */
    private static String csiDriver(ClaimInfo claim, VolumeInfo volume, ClusterSnapshot cluster) {
        if (volume != null) {
            return volume.csiDriver();
        }
        if (claim == null || claim.bound()) {
            return null;
        }
        StorageClassInfo storageClass = cluster.storageClass(claim.storageClass());
        if (storageClass == null || storageClass.provisioner() == null
                || storageClass.provisioner().startsWith("kubernetes.io/")) {
            return null;
        }
        return storageClass.provisioner();
    }

    /**
     * Runs the filter chain on every candidate: filter by filter, each judging the candidates
     * no earlier one rejected, so a node's reason is its first rejection in chain order. The
     * result also carries the {@link NotOffered} warnings, from the same resolved candidates.
     */
    public FilterResult filter(CycleState state, ExtenderArgs args) {
        int n = args.size();
        if (state.noClaims()) {
            BitSet passing = new BitSet(n);
            passing.set(0, n);
            return new FilterResult(args, passing, new String[n], new BitSet(), new int[0], List.of());
        }
        Candidates candidates = Candidates.of(state, args);
        Status[] verdicts = new Status[n];
        for (FilterPlugin filter : filters) {
            filter.filter(state, candidates, verdicts);
        }
        return Verdicts.result(args, state, candidates, verdicts, NotOffered.warnings(state, candidates));
    }

    /** Scores every candidate exactly once, 0..10, in request order. */
    public List<HostPriority> prioritize(CycleState state, ExtenderArgs args) {
        int[] scores = scores(state, args);
        List<HostPriority> priorities = new ArrayList<>(scores.length);
        for (int i = 0; i < scores.length; i++) {
            priorities.add(new HostPriority(args.name(i), scores[i]));
        }
        return priorities;
    }

    /**
     * The final scores of the candidates, in request order: the number /prioritize sends
     * ({@code ExtenderReplyEncoder.priorities(args, scores)} writes the reply from them).
     */
    public int[] scores(CycleState state, ExtenderArgs args) {
        if (state.noClaims()) {
            return new int[args.size()];
        }
        return scores(state, candidates(state, args));
    }

    /** Resolves the request's nodes once (ordinals, storage state) for {@link #scores(CycleState, Candidates)}. */
    public Candidates candidates(CycleState state, ExtenderArgs args) {
        return Candidates.of(state, args);
    }

    /** The final scores of already resolved candidates: the scoring step alone (benchmarks measure it). */
    public int[] scores(CycleState state, Candidates candidates) {
        return scoring.scores(state, candidates);
    }

    /** Why each candidate would pass or fail and how it scores: every verdict, every component. */
    public Explanation explain(CycleState state, ExtenderArgs args) {
        Candidates candidates = Candidates.of(state, args);
        return new Explainer(filters, scoring).explain(state, candidates, scoring.scores(state, candidates));
    }

    /** The replica nodes of {@code located} that {@code serving} left out. */
    private static Set<String> without(VolumePlacement located, VolumePlacement serving) {
        Set<String> left = new HashSet<>(located.replicaNodes());
        left.removeAll(serving.replicaNodes());
        return Set.copyOf(left);
    }
}
