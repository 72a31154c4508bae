package dev.locus.e2e;

import dev.locus.cluster.ObjectKey;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * The objects the scenarios put into the e2e cluster, and the waits that go with them.
 *
 * <p>{@link #ensureNodes}: {@link #ZONES} zones x {@link #RACKS_PER_ZONE} racks x
 * {@link #NODES_PER_RACK} Ready nodes, named {@code n-<zone><rack>-<i>} (e.g. {@code n-b2-3}),
 * labelled with hostname, region, zone and Locus's rack label. Node 0 of each rack is
 * {@linkplain #small small} (1 CPU), the others have 8 CPUs.
 *
 * <p>Volumes are pre-bound PV/PVC pairs of a CSI driver no node lists (there are no CSINode
 * objects, so neither the scheduler nor Locus rules a node out for it), the PV annotated with
 * {@code locus.dev/replica-nodes}. Pods use the shipped profile {@code locus-scheduler}.
 */
public final class Cluster {

    public static final String SCHEDULER_NAME = "locus-scheduler";
    public static final String REPLICA_NODES = "locus.dev/replica-nodes";
    public static final String RACK_LABEL = "topology.locus.dev/rack";
    public static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    static final String[] ZONES = {"a", "b", "c"};
    static final int RACKS_PER_ZONE = 2;
    static final int NODES_PER_RACK = 5;
    /** Longest wait for the scheduler to bind every pod of a scenario, or for claims to be Bound. */
    static final Duration BIND_TIMEOUT = Duration.ofSeconds(60);
    static final String DRIVER = "e2e.csi.locus.dev";

    private final KubernetesClient client;
    private final String namespace;

    public Cluster(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** Every node name, zone by zone, rack by rack. */
    public static List<String> nodeNames() {
        List<String> names = new ArrayList<>();
        for (String zone : ZONES) {
            for (int rack = 1; rack <= RACKS_PER_ZONE; rack++) {
                for (int i = 0; i < NODES_PER_RACK; i++) {
                    names.add("n-" + zone + rack + "-" + i);
                }
            }
        }
        return names;
    }

    /** True for node 0 of each rack: 1 CPU, too small for a 2-CPU pod. */
    public static boolean small(String node) {
        return node.endsWith("-0");
    }

    /** The rack of a node, by its name ({@code n-b2-3} is in rack {@code rack-b2}). */
    public static String rack(String node) {
        return "rack-" + node.substring(2, 4);
    }

    public static String zone(String node) {
        return "zone-" + node.charAt(2);
    }

    /** Creates the nodes that do not exist yet and marks them Ready with allocatable resources. */
    public static void ensureNodes(KubernetesClient client) {
        for (String name : nodeNames()) {
            if (client.nodes().withName(name).get() != null) {
                continue;
            }
            Node node = client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
                    .addToLabels("kubernetes.io/hostname", name).addToLabels("topology.kubernetes.io/region", "region-1")
                    .addToLabels(ZONE_LABEL, zone(name)).addToLabels(RACK_LABEL, rack(name))
                    .endMetadata().build()).create();
            Map<String, Quantity> resources = Map.of("cpu", new Quantity(small(name) ? "1" : "8"),
                    "memory", new Quantity(small(name) ? "2Gi" : "32Gi"), "pods", new Quantity("110"));
            node.setStatus(new io.fabric8.kubernetes.api.model.NodeStatusBuilder().withAllocatable(resources)
                    .withCapacity(resources).addNewCondition().withType("Ready").withStatus("True")
                    .withReason("KubeletReady").withMessage("e2e node").endCondition().build());
            client.nodes().resource(node).updateStatus();
        }
    }

    /** Sets or (with null) removes an annotation of a node. */
    public static void annotateNode(KubernetesClient client, String node, String key, String value) {
        client.nodes().withName(node).edit(n -> {
            if (value == null) {
                n.getMetadata().getAnnotations().remove(key);
            } else {
                n.getMetadata().getAnnotations().put(key, value);
            }
            return n;
        });
    }

    /** A pre-bound PV ({@code NAMESPACE-CLAIM}) and claim, data on {@code replicas}; annotations go on the claim. */
    public String volume(String claim, String size, List<String> replicas, Map<String, String> claimAnnotations) {
        return volume(claim, size, replicas, claimAnnotations, DRIVER);
    }

    /** As {@link #volume(String, String, List, Map)}, of CSI driver {@code driver} (e.g. driver.longhorn.io). */
    public String volume(String claim, String size, List<String> replicas, Map<String, String> claimAnnotations,
                         String driver) {
        String pv = pvName(claim);
        client.persistentVolumes().resource(new PersistentVolumeBuilder().withNewMetadata().withName(pv)
                .addToAnnotations(REPLICA_NODES, String.join(",", replicas)).endMetadata()
                .withNewSpec().addToCapacity("storage", new Quantity(size)).withAccessModes("ReadWriteOnce")
                .withPersistentVolumeReclaimPolicy("Retain").withStorageClassName("")
                .withNewCsi().withDriver(driver).withVolumeHandle(pv).endCsi()
                .withNewClaimRef().withNamespace(namespace).withName(claim).endClaimRef()
                .endSpec().build()).create();
        client.persistentVolumeClaims().inNamespace(namespace).resource(new PersistentVolumeClaimBuilder()
                .withNewMetadata().withName(claim).withNamespace(namespace).addToAnnotations(claimAnnotations).endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName("").withVolumeName(pv)
                .withNewResources().addToRequests("storage", new Quantity(size)).endResources()
                .endSpec().build()).create();
        return pv;
    }

    public String pvName(String claim) {
        return namespace + "-" + claim;
    }

    /** Moves a volume's data: rewrites its PV's replica annotation. */
    public void moveReplicas(String claim, List<String> replicas) {
        client.persistentVolumes().withName(pvName(claim)).edit(pv -> {
            pv.getMetadata().getAnnotations().put(REPLICA_NODES, String.join(",", replicas));
            return pv;
        });
    }

    /** Waits until every claim of the namespace is Bound and Locus has seen each of them and its PV. */
    public void awaitClaimsBound(ControlPlane plane, List<String> claims) {
        Awaitility.await("claims Bound in " + namespace).atMost(BIND_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .until(() -> client.persistentVolumeClaims().inNamespace(namespace).list().getItems().stream()
                        .filter(c -> "Bound".equals(c.getStatus().getPhase())).count() >= claims.size());
        plane.locus().awaitSees(claims.size() + " volumes of " + namespace, s -> claims.stream().allMatch(c ->
                s.volume(pvName(c)) != null && s.claim(new ObjectKey(namespace, c)) != null));
    }

    /** Creates a pod requesting {@code cpu}, mounting {@code claims}, with {@code annotations}. */
    public void pod(String name, String cpu, List<String> claims, Map<String, String> annotations) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .addToAnnotations(annotations).endMetadata()
                .withNewSpec().withSchedulerName(SCHEDULER_NAME).withTerminationGracePeriodSeconds(0L)
                .addNewContainer().withName("app").withImage("registry.k8s.io/pause:3.7")
                .withNewResources().addToRequests("cpu", new Quantity(cpu))
                .addToRequests("memory", new Quantity("64Mi")).endResources().endContainer().endSpec();
        for (String claim : claims) {
            pod.editSpec().addNewVolume().withName(claim).withNewPersistentVolumeClaim().withClaimName(claim)
                    .endPersistentVolumeClaim().endVolume().endSpec();
        }
        client.pods().inNamespace(namespace).resource(pod.build()).create();
    }

    /** Waits until every listed pod is bound; returns pod name to {@code spec.nodeName}. */
    public Map<String, String> awaitBound(List<String> pods) {
        Map<String, String> bound = new LinkedHashMap<>();
        Awaitility.await(pods.size() + " pods bound in " + namespace).atMost(BIND_TIMEOUT)
                .pollInterval(Duration.ofMillis(250)).until(() -> {
                    for (Pod p : client.pods().inNamespace(namespace).list().getItems()) {
                        if (pods.contains(p.getMetadata().getName()) && p.getSpec().getNodeName() != null) {
                            bound.put(p.getMetadata().getName(), p.getSpec().getNodeName());
                        }
                    }
                    return bound.size() == pods.size();
                });
        Map<String, String> ordered = new LinkedHashMap<>();
        pods.forEach(p -> ordered.put(p, bound.get(p)));
        return ordered;
    }

    /** Removes the pods at once (grace 0: no kubelet will confirm), then the claims and volumes. */
    public void deleteAll() {
        client.pods().inNamespace(namespace).withGracePeriod(0).delete();
        Awaitility.await("pods of " + namespace + " gone").atMost(BIND_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> client.pods().inNamespace(namespace).list().getItems().isEmpty());
        client.persistentVolumeClaims().inNamespace(namespace).delete();
        client.persistentVolumes().list().getItems().stream()
                .filter(pv -> pv.getMetadata().getName().startsWith(namespace + "-"))
                .forEach(pv -> client.persistentVolumes().resource(pv).delete());
    }
}
