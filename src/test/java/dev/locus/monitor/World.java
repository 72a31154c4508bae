package dev.locus.monitor;

import dev.locus.cluster.ClaimInfo;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.LonghornNodeInfo;
import dev.locus.cluster.NodeInfo;
import dev.locus.cluster.NodeSelector;
import dev.locus.cluster.NodeStatus;
import dev.locus.cluster.ObjectKey;
import dev.locus.cluster.ReplicaInfo;
import dev.locus.cluster.StorageClassInfo;
import dev.locus.cluster.VolumeInfo;
import dev.locus.config.LocalityPolicy;
import dev.locus.locality.CaffeineVolumeLocalityIndex;
import dev.locus.locality.LonghornReplicaLocality;
import dev.locus.locality.ReplicaAnnotationLocality;
import dev.locus.placement.PolicyResolver;
import dev.locus.placement.StorageState;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A small cluster for monitor tests: nodes, volumes and claims in a snapshot, and pods both as
 * {@link PodFacts} and as fabric8 Pods for the mock API server. Claims live in namespace "apps";
 * the monitored scheduler is "locus-scheduler".
 */
final class World {

    static final String NS = "apps";
    static final String SCHEDULER = "locus-scheduler";
    static final NodeStatus READY = new NodeStatus(NodeStatus.Readiness.READY, false, 4000, 8L << 30);

    private final Map<String, NodeInfo> nodes = new HashMap<>();
    private final List<VolumeInfo> volumes = new ArrayList<>();
    private final List<ClaimInfo> claims = new ArrayList<>();
    private final List<ReplicaInfo> replicas = new ArrayList<>();
    private final Map<String, Set<String>> csiNodes = new HashMap<>();
    private final Map<String, LonghornNodeInfo> longhornNodes = new HashMap<>();
    private long generation = 1;

    World nodes(String... names) {
        for (String name : names) {
            nodes.put(name, new NodeInfo(name, Map.of(NodeSelector.HOSTNAME, name), Map.of(), READY));
        }
        return this;
    }

    /** Relabels {@code node} {@code kubernetes.io/hostname=hostname} (a node's name and hostname may differ). */
    World hostname(String node, String hostname) {
        NodeInfo n = nodes.get(node);
        nodes.put(node, new NodeInfo(node, Map.of(NodeSelector.HOSTNAME, hostname), n.annotations(), n.status()));
        return this;
    }

    World storageDown(String node) {
        NodeInfo n = nodes.get(node);
        nodes.put(node, new NodeInfo(node, n.labels(), Map.of(StorageState.ANNOTATION, "down"), n.status()));
        return this;
    }

    World storageUp(String node) {
        NodeInfo n = nodes.get(node);
        nodes.put(node, new NodeInfo(node, n.labels(), Map.of(), n.status()));
        return this;
    }

    World status(String node, NodeStatus status) {
        NodeInfo n = nodes.get(node);
        nodes.put(node, new NodeInfo(node, n.labels(), n.annotations(), status));
        return this;
    }

    /** Longhorn's own object for {@code node}: Ready or not (with a reason), and whether every disk is down. */
    World longhornNode(String node, boolean ready, String reason, boolean disksDown) {
        longhornNodes.put(node, new LonghornNodeInfo(node, ready, ready ? "" : reason, true, disksDown));
        return this;
    }

    World csiNode(String node, String... drivers) {
        csiNodes.put(node, Set.of(drivers));
        return this;
    }

    /** Claim {@code claim} bound to PV "pv-"+claim, whose data is on {@code replicaNodes} (replica annotation). */
    World volume(String claim, String... replicaNodes) {
        return volume(claim, null, replicaNodes);
    }

    /** As {@link #volume(String, String...)} with a locality policy on the claim (null: the default). */
    World volume(String claim, LocalityPolicy policy, String... replicaNodes) {
        Map<String, String> pv = replicaNodes.length == 0 ? Map.of()
                : Map.of(ReplicaAnnotationLocality.ANNOTATION, String.join(",", replicaNodes));
        volumes.add(new VolumeInfo("pv-" + claim, "replicated", 1 << 30, "driver.test", "pv-" + claim, null,
                new ObjectKey(NS, claim), pv));
        claims.add(claim(claim, policy));
        return this;
    }

    /** A local PV pinned by node affinity to the node whose hostname label is {@code hostname}. */
    World localVolume(String claim, String hostname) {
        NodeSelector affinity = new NodeSelector(List.of(new NodeSelector.Term(List.of(
                new NodeSelector.Requirement(NodeSelector.HOSTNAME, "In", Set.of(hostname))), List.of())));
        volumes.add(new VolumeInfo("pv-" + claim, "local", 1 << 30, null, null, affinity, new ObjectKey(NS, claim),
                Map.of()));
        claims.add(claim(claim, null));
        return this;
    }

    /** A Longhorn PV whose replicas are given as node=healthy pairs. */
    World longhornVolume(String claim, Map<String, Boolean> replicaHealth) {
        volumes.add(new VolumeInfo("pv-" + claim, "longhorn", 1 << 30, LonghornReplicaLocality.DRIVER, "lh-" + claim,
                null, new ObjectKey(NS, claim), Map.of()));
        claims.add(claim(claim, null));
        replicaHealth.forEach((node, healthy) -> replicas.add(
                new ReplicaInfo("longhorn-system/lh-" + claim + "-" + node, "lh-" + claim, node, healthy)));
        return this;
    }

    /** A Longhorn PV whose one replica, on {@code node}, is stopped: neither running nor failed (volume detached). */
    World stoppedLonghornVolume(String claim, String node) {
        longhornVolume(claim, Map.of());
        replicas.add(new ReplicaInfo("longhorn-system/lh-" + claim + "-" + node, "lh-" + claim, node, false, false));
        return this;
    }

    private static ClaimInfo claim(String claim, LocalityPolicy policy) {
        Map<String, String> annotations = policy == null ? Map.of()
                : Map.of(PolicyResolver.ANNOTATION, policy.name().toLowerCase(java.util.Locale.ROOT));
        return new ClaimInfo(new ObjectKey(NS, claim), "pv-" + claim, "replicated", 1 << 30, annotations);
    }

    ClusterSnapshot snapshot() {
        ClusterSnapshot.Builder b = ClusterSnapshot.builder().generation(generation++);
        nodes.values().forEach(b::node);
        volumes.forEach(b::volume);
        claims.forEach(b::claim);
        replicas.forEach(b::replica);
        csiNodes.forEach(b::csiDrivers);
        longhornNodes.values().forEach(b::longhornNode);
        b.storageClass(new StorageClassInfo("replicated", "driver.test", "WaitForFirstConsumer", Map.of()));
        return b.build();
    }

    static CaffeineVolumeLocalityIndex index() {
        return new CaffeineVolumeLocalityIndex(CaffeineVolumeLocalityIndex.defaultSources(), 1000);
    }

    static Planner planner() {
        return new Planner(index(), new PolicyResolver(LocalityPolicy.PREFERRED));
    }

    /** A StatefulSet member on {@code node} mounting {@code claims}. */
    static PodFacts pod(String name, String node, String... claims) {
        return new PodFacts(new ObjectKey(NS, name), "uid-" + name, node, SCHEDULER, "StatefulSet", List.of(claims),
                Map.of(), 100, 1 << 20, false, false);
    }

    static PodFacts bare(String name, String node, String... claims) {
        return new PodFacts(new ObjectKey(NS, name), "uid-" + name, node, SCHEDULER, null, List.of(claims),
                Map.of(), 100, 1 << 20, false, false);
    }

    static PodFacts ownedBy(String kind, String name, String node, String... claims) {
        return new PodFacts(new ObjectKey(NS, name), "uid-" + name, node, SCHEDULER, kind, List.of(claims),
                Map.of(), 100, 1 << 20, false, false);
    }

    /** The same pod as a fabric8 object for the mock API server (owner: a StatefulSet "db", 100m CPU), on {@code node}. */
    static Pod apiPod(String name, String node, boolean owned, String... claims) {
        PodBuilder b = new PodBuilder().withNewMetadata().withNamespace(NS).withName(name).endMetadata();
        if (owned) {
            b.editMetadata().addNewOwnerReference().withApiVersion("apps/v1").withKind("StatefulSet").withName("db")
                    .withUid("uid-db").withController(true).endOwnerReference().endMetadata();
        }
        var spec = b.withNewSpec().withNodeName(node).withSchedulerName(SCHEDULER).addNewContainer().withName("c")
                .withImage("db").withNewResources().addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("100m"))
                .addToRequests("memory", new io.fabric8.kubernetes.api.model.Quantity("1Mi")).endResources().endContainer();
        for (String claim : claims) {
            spec.addNewVolume().withName(claim).withNewPersistentVolumeClaim().withClaimName(claim)
                    .endPersistentVolumeClaim().endVolume();
        }
        return spec.endSpec().withNewStatus().withPhase("Running").endStatus().build();
    }
}
