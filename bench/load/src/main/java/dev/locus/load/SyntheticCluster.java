package dev.locus.load;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A synthetic cluster drawn from a {@link ClusterSpec}: nodes over one region, zones and racks;
 * volumes that are either replicated (replica nodes in distinct zones where possible, as
 * Longhorn places them) or node-local under policy {@code strict}; one bound claim per volume;
 * and pods that each mount {@code claimsPerPod} of those claims.
 *
 * <p>Every random choice comes from one {@link SplittableRandom} seeded with the spec's seed,
 * drawn in a fixed order, so one spec always yields the same cluster.
 */
public final class SyntheticCluster {

    /** The one region every node is in. */
    public static final String REGION = "region-1";
    /** Namespace of the claims and pods. */
    public static final String NAMESPACE = "load";
    /** StorageClass of replicated volumes (policy: the Locus default, preferred). */
    public static final String REPLICATED_CLASS = "replicated";
    /** StorageClass of node-local volumes, annotated {@code locus.dev/locality: strict}. */
    public static final String LOCAL_CLASS = "local-nvme";

    private static final int[] SIZES_GI = {10, 20, 50, 100, 200, 500};

    /** A node and where it sits. */
    public record Node(String name, String zone, String rack, String uid) {
    }

    /** A PersistentVolume and its bound claim; {@code nodes} are its replica nodes (one when local). */
    public record Volume(String name, String claim, boolean local, List<String> nodes, int sizeGi) {
    }

    /** A pod and the claims it mounts. */
    public record Pod(String name, String uid, List<String> claims) {
    }

    private final ClusterSpec spec;
    private final List<Node> nodes;
    private final List<Volume> volumes;
    private final List<Pod> pods;
    private final List<String> offerOrder;

    private SyntheticCluster(ClusterSpec spec, List<Node> nodes, List<Volume> volumes, List<Pod> pods,
                             List<String> offerOrder) {
        this.spec = spec;
        this.nodes = nodes;
        this.volumes = volumes;
        this.pods = pods;
        this.offerOrder = offerOrder;
    }

    /** Draws the cluster for {@code spec}. */
    public static SyntheticCluster generate(ClusterSpec spec) {
        SplittableRandom random = new SplittableRandom(spec.seed());
        List<Node> nodes = nodes(spec, random);
        List<List<Node>> byZone = byZone(spec, nodes);
        List<Volume> volumes = new ArrayList<>(spec.volumes());
        for (int v = 0; v < spec.volumes(); v++) {
            boolean local = random.nextDouble() < spec.localFraction();
            List<String> replicas = local ? List.of(nodes.get(random.nextInt(nodes.size())).name())
                    : replicaNodes(spec, byZone, nodes, random);
            String name = String.format("pv-%06d", v);
            volumes.add(new Volume(name, String.format("data-%06d", v), local, replicas,
                    SIZES_GI[random.nextInt(SIZES_GI.length)]));
        }
        List<Pod> pods = new ArrayList<>(spec.pods());
        for (int p = 0; p < spec.pods(); p++) {
            List<String> claims = new ArrayList<>(spec.claimsPerPod());
            for (int k = 0; k < spec.claimsPerPod(); k++) {
                claims.add(volumes.get(p * spec.claimsPerPod() + k).claim());
            }
            pods.add(new Pod(String.format("load-%06d", p), uid(random), List.copyOf(claims)));
        }
        List<String> order = new ArrayList<>(nodes.stream().map(Node::name).toList());
        Collections.shuffle(order, new java.util.Random(random.nextLong()));
        return new SyntheticCluster(spec, List.copyOf(nodes), List.copyOf(volumes), List.copyOf(pods),
                List.copyOf(order));
    }

    private static List<Node> nodes(ClusterSpec spec, SplittableRandom random) {
        int width = String.valueOf(spec.nodes() - 1).length();
        List<Node> nodes = new ArrayList<>(spec.nodes());
        for (int i = 0; i < spec.nodes(); i++) {
            int zone = i % spec.zones();
            int rack = (i / spec.zones()) / spec.nodesPerRack();
            nodes.add(new Node(String.format("node-%0" + width + "d", i), "zone-" + (zone + 1),
                    "rack-" + (zone + 1) + "-" + (rack + 1), uid(random)));
        }
        return nodes;
    }

    private static List<List<Node>> byZone(ClusterSpec spec, List<Node> nodes) {
        List<List<Node>> zones = new ArrayList<>();
        for (int z = 0; z < spec.zones(); z++) {
            zones.add(new ArrayList<>());
        }
        for (int i = 0; i < nodes.size(); i++) {
            zones.get(i % spec.zones()).add(nodes.get(i));
        }
        return zones;
    }

    /** Replica i goes to zone (z0 + i) mod zones, on a node not chosen yet; to any free node when that zone has none. */
    private static List<String> replicaNodes(ClusterSpec spec, List<List<Node>> byZone, List<Node> all,
                                             SplittableRandom random) {
        Set<String> chosen = new LinkedHashSet<>();
        int firstZone = random.nextInt(spec.zones());
        for (int r = 0; r < spec.replicas(); r++) {
            List<Node> zone = byZone.get((firstZone + r) % spec.zones());
            // a zone larger than the replicas chosen so far has a free node: skips the scan at scale
            boolean zoneHasFree = zone.size() > chosen.size() || zone.stream().anyMatch(n -> !chosen.contains(n.name()));
            List<Node> pool = zoneHasFree ? zone : all;
            String pick;
            do {
                pick = pool.get(random.nextInt(pool.size())).name();
            } while (chosen.contains(pick));
            chosen.add(pick);
        }
        return List.copyOf(chosen);
    }

    private static String uid(SplittableRandom random) {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }

    /** The spec it was drawn from. */
    public ClusterSpec spec() {
        return spec;
    }

    /** Nodes in name order. */
    public List<Node> nodes() {
        return nodes;
    }

    /** Volumes in name order; volume i is bound to claim {@code data-i}. */
    public List<Volume> volumes() {
        return volumes;
    }

    /** Pods in name order; pod p mounts the claims of volumes p·K .. p·K+K−1. */
    public List<Pod> pods() {
        return pods;
    }

    /** Node names in the order requests offer them (shuffled once: kube-scheduler's order is arbitrary). */
    public List<String> offerOrder() {
        return offerOrder;
    }
}
