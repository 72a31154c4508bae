package dev.locus.testing;

import dev.locus.api.CandidateNode;
import dev.locus.api.ExtenderArgs;
import dev.locus.api.NodeMode;
import dev.locus.api.PodInfo;
import dev.locus.cluster.ClaimInfo;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.CsiDriverInfo;
import dev.locus.cluster.LabelSelector;
import dev.locus.cluster.LonghornNodeInfo;
import dev.locus.cluster.NodeInfo;
import dev.locus.cluster.NodeSelector;
import dev.locus.cluster.ObjectKey;
import dev.locus.cluster.StorageCapacityInfo;
import dev.locus.cluster.StorageClassInfo;
import dev.locus.cluster.VolumeInfo;
import dev.locus.config.LocusConfig;
import dev.locus.locality.CaffeineVolumeLocalityIndex;
import dev.locus.locality.LonghornReplicaLocality;
import dev.locus.locality.ReplicaAnnotationLocality;
import dev.locus.placement.PlacementEngine;
import dev.locus.placement.PolicyResolver;
import dev.locus.placement.ProximityScore;
import dev.locus.topology.TopologyIndexes;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A terse builder of cluster snapshots, pods and requests for tests. Claims live in namespace "ns". */
public final class TestCluster {

    public static final String NS = "ns";
    public static final String RACK = "topology.locus.dev/rack";
    public static final long GIB = 1L << 30;

    private final ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    private final Map<String, NodeInfo> nodes = new HashMap<>();

    /** A node with these topology labels (null = label absent). */
    public TestCluster node(String name, String region, String zone, String rack) {
        return node(name, region, zone, rack, Map.of());
    }

    public TestCluster node(String name, String region, String zone, String rack, Map<String, String> annotations) {
        NodeInfo node = new NodeInfo(name, labels(name, region, zone, rack), annotations);
        nodes.put(name, node);
        builder.node(node);
        return this;
    }

    /** A node as given (e.g. one that is not Ready). */
    public TestCluster node(NodeInfo node) {
        nodes.put(node.name(), node);
        builder.node(node);
        return this;
    }

    /** Topology labels of a node. */
    public static Map<String, String> labels(String name, String region, String zone, String rack) {
        Map<String, String> labels = new HashMap<>();
        labels.put(NodeSelector.HOSTNAME, name);
        put(labels, NodeSelector.REGION, region);
        put(labels, NodeSelector.ZONE, zone);
        put(labels, RACK, rack);
        return labels;
    }

    private static void put(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** A bound claim {@code claim} of {@code bytes}, PV "pv-"+claim, replicas named by the annotation. */
    public TestCluster volume(String claim, long bytes, String... replicas) {
        return volume(claim, bytes, null, Map.of(), replicas);
    }

    public TestCluster volume(String claim, long bytes, String storageClass, Map<String, String> claimAnnotations,
                              String... replicas) {
        return volume(claim, bytes, storageClass, "driver.test", claimAnnotations, replicas);
    }

    /** A bound claim of a Longhorn volume (driver {@code driver.longhorn.io}), replicas named by the annotation. */
    public TestCluster longhornVolume(String claim, long bytes, Map<String, String> claimAnnotations,
                                      String... replicas) {
        return volume(claim, bytes, null, LonghornReplicaLocality.DRIVER, claimAnnotations, replicas);
    }

    private TestCluster volume(String claim, long bytes, String storageClass, String driver,
                               Map<String, String> claimAnnotations, String... replicas) {
        Map<String, String> pvAnnotations = replicas.length == 0 ? Map.of()
                : Map.of(ReplicaAnnotationLocality.ANNOTATION, String.join(",", replicas));
        builder.volume(new VolumeInfo("pv-" + claim, storageClass, bytes, driver, "pv-" + claim, null,
                new ObjectKey(NS, claim), pvAnnotations));
        builder.claim(new ClaimInfo(new ObjectKey(NS, claim), "pv-" + claim, storageClass, bytes, claimAnnotations));
        return this;
    }

    /** What Longhorn's own node object ({@code nodes.longhorn.io}) says of a node. */
    public TestCluster longhornNode(LonghornNodeInfo node) {
        builder.longhornNode(node);
        return this;
    }

    /** A bound claim whose PV has {@code affinity} as its node affinity (and no replica annotation). */
    public TestCluster pinnedVolume(String claim, long bytes, String driver, NodeSelector affinity) {
        builder.volume(new VolumeInfo("pv-" + claim, null, bytes, driver, "pv-" + claim, affinity,
                new ObjectKey(NS, claim), Map.of()));
        builder.claim(new ClaimInfo(new ObjectKey(NS, claim), "pv-" + claim, null, bytes, Map.of()));
        return this;
    }

    /** A claim not bound yet. */
    public TestCluster unboundClaim(String claim, long bytes, String storageClass) {
        builder.claim(new ClaimInfo(new ObjectKey(NS, claim), null, storageClass, bytes, Map.of()));
        return this;
    }

    public TestCluster storageClass(String name, String provisioner, String bindingMode, Map<String, String> annotations) {
        builder.storageClass(new StorageClassInfo(name, provisioner, bindingMode, annotations));
        return this;
    }

    /** A CSIStorageCapacity covering nodes whose labels match {@code matchLabels}; -1 = not reported. */
    public TestCluster capacity(String name, String storageClass, Map<String, String> matchLabels, long capacity,
                                long maximumVolumeSize) {
        builder.capacity(new StorageCapacityInfo(new ObjectKey("kube-system", name), storageClass,
                new LabelSelector(matchLabels, List.of(), false), capacity, maximumVolumeSize));
        return this;
    }

    /** A CSIDriver object; {@code storageCapacity} = its {@code spec.storageCapacity}. */
    public TestCluster csiDriver(String name, boolean storageCapacity) {
        builder.csiDriver(new CsiDriverInfo(name, storageCapacity));
        return this;
    }

    public TestCluster csiNode(String node, String... drivers) {
        builder.csiDrivers(node, Set.of(drivers));
        return this;
    }

    public ClusterSnapshot snapshot() {
        return builder.build();
    }

    public NodeInfo nodeInfo(String name) {
        return nodes.get(name);
    }

    /** A pod in namespace "ns" mounting {@code claims}. */
    public static PodInfo pod(Map<String, String> annotations, String... claims) {
        return new PodInfo(NS, "pod", annotations, Arrays.asList(claims));
    }

    public static PodInfo pod(String... claims) {
        return pod(Map.of(), claims);
    }

    /** A NodeNames-mode request. */
    public static ExtenderArgs names(PodInfo pod, String... nodes) {
        return new ExtenderArgs(pod, NodeMode.NODE_NAMES, Arrays.stream(nodes).map(CandidateNode::named).toList(),
                new byte[0]);
    }

    /** A Nodes-mode request whose node objects carry these labels and annotations. */
    public static ExtenderArgs objects(PodInfo pod, List<NodeInfo> nodes) {
        return new ExtenderArgs(pod, NodeMode.NODES,
                nodes.stream().map(n -> new CandidateNode(n.name(), n.labels(), n.annotations(), 0, 0)).toList(),
                new byte[0]);
    }

    /** The engine Locus builds for {@code config}. */
    public static PlacementEngine engine(LocusConfig config) {
        return new PlacementEngine(PlacementEngine.defaultFilters(),
                new CaffeineVolumeLocalityIndex(CaffeineVolumeLocalityIndex.defaultSources(), 10_000),
                new PolicyResolver(config.defaultPolicy()), new TopologyIndexes(config.rackLabel(), config.topology()),
                new ProximityScore(config.tiers(), config.degradedPenalty()));
    }

    public static PlacementEngine engine() {
        return engine(LocusConfig.defaults());
    }

    /** A node selector of one term: {@code key In values}. */
    public static NodeSelector in(String key, String... values) {
        return new NodeSelector(List.of(new NodeSelector.Term(
                List.of(new NodeSelector.Requirement(key, "In", Set.of(values))), List.of())));
    }
}
