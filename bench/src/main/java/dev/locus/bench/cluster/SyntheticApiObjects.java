package dev.locus.bench.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locus.load.ClusterSpec;
import dev.locus.load.NodeObjects;
import dev.locus.load.SyntheticCluster;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeNodeAffinityBuilder;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.CSINodeBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The fabric8 renderer of the one synthetic cluster: what the API server of a Longhorn cluster
 * lists for it, as live mode's informers receive it. Nodes are the full Node objects of the
 * load tool's Nodes-mode requests ({@link NodeObjects}: labels, kubelet annotations,
 * managedFields, status, images), one CSINode each; the two StorageClasses of the manifests;
 * each replicated volume a dynamically provisioned Longhorn PV (CSI attributes, finalizers)
 * with one Longhorn Replica object per replica node (the spec and status Longhorn writes), each
 * node-local volume a TopoLVM PV pinned by nodeAffinity; every claim bound.
 *
 * <p>Where the manifests name a volume's replica nodes in the {@code locus.dev/replica-nodes}
 * annotation, this rendering has the Replica objects instead, as a Longhorn cluster does: the
 * same nodes, found by another locality source.
 *
 * <p>Every object goes through JSON and fabric8's deserializer before it is handed on, as an
 * informer receives it: its strings are distinct instances exactly as after a real list.
 */
public final class SyntheticApiObjects {

    private static final String LONGHORN = "driver.longhorn.io";
    private static final String TOPOLVM = "topolvm.io";
    private static final String LONGHORN_NS = "longhorn-system";
    private static final ObjectMapper JACKSON2 = new ObjectMapper();

    private final SyntheticCluster cluster;
    private final KubernetesSerialization json = new KubernetesSerialization();

    public SyntheticApiObjects(SyntheticCluster cluster) {
        this.cluster = cluster;
    }

    /**
     * The live-mode measurements' cluster: the load tool's default shape ({@link ClusterSpec#defaults}:
     * 3 zones, 20 nodes per rack, seed 42) with {@code volumes} volumes, all replicated with
     * {@code replicas} replicas (no node-local volume), and one pod.
     */
    public static SyntheticApiObjects longhorn(int nodes, int volumes, int replicas) {
        return new SyntheticApiObjects(SyntheticCluster.generate(new ClusterSpec(nodes, Math.min(3, nodes),
                Math.min(20, nodes), volumes, replicas, 1, 1, 0, 42)));
    }

    /** Objects rendered: nodes, CSINodes, 2 StorageClasses, PVs, PVCs, replicas. */
    public long objectCount() {
        long replicas = cluster.volumes().stream().filter(v -> !v.local()).mapToLong(v -> v.nodes().size()).sum();
        return 2L * cluster.nodes().size() + 2 + 2L * cluster.volumes().size() + replicas;
    }

    /** Hands every object to {@code sink} in list order: nodes and CSINodes, StorageClasses, PVs and PVCs, replicas. */
    public void forEach(Consumer<HasMetadata> sink) {
        for (int i = 0; i < cluster.nodes().size(); i++) {
            SyntheticCluster.Node node = cluster.nodes().get(i);
            sink.accept(node(node, i));
            sink.accept(read(csiNode(node, i), CSINode.class));
        }
        sink.accept(read(storageClass(SyntheticCluster.REPLICATED_CLASS, LONGHORN, "Immediate", Map.of()), StorageClass.class));
        sink.accept(read(storageClass(SyntheticCluster.LOCAL_CLASS, TOPOLVM, "WaitForFirstConsumer",
                Map.of("locus.dev/locality", "strict")), StorageClass.class));
        for (int v = 0; v < cluster.volumes().size(); v++) {
            SyntheticCluster.Volume volume = cluster.volumes().get(v);
            sink.accept(read(volume(v, volume), PersistentVolume.class));
            sink.accept(read(claim(v, volume), PersistentVolumeClaim.class));
        }
        for (int v = 0; v < cluster.volumes().size(); v++) {
            SyntheticCluster.Volume volume = cluster.volumes().get(v);
            for (int r = 0; !volume.local() && r < volume.nodes().size(); r++) {
                sink.accept(read(replica(v, r, volume), GenericKubernetesResource.class));
            }
        }
    }

    private <T> T read(T object, Class<T> type) {
        return json.unmarshal(json.asJson(object), type);
    }

    /** The Node of the Nodes-mode requests, with the kind and apiVersion a list item has. */
    private Node node(SyntheticCluster.Node node, int index) {
        try {
            Node parsed = json.unmarshal(JACKSON2.writeValueAsString(NodeObjects.node(node, index)), Node.class);
            parsed.setApiVersion("v1");
            parsed.setKind("Node");
            return parsed;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise node " + node.name(), e);
        }
    }

    private static CSINode csiNode(SyntheticCluster.Node node, int index) {
        return new CSINodeBuilder().withNewMetadata().withName(node.name()).withUid(node.uid()).withResourceVersion(rv(index))
                .endMetadata().withNewSpec()
                .addNewDriver().withName(LONGHORN).withNodeID(node.name()).endDriver()
                .addNewDriver().withName(TOPOLVM).withNodeID(node.name()).endDriver().endSpec().build();
    }

    private static StorageClass storageClass(String name, String provisioner, String binding, Map<String, String> annotations) {
        return new StorageClassBuilder().withNewMetadata().withName(name).withResourceVersion("1")
                .withAnnotations(annotations).endMetadata()
                .withProvisioner(provisioner).withVolumeBindingMode(binding).build();
    }

    private PersistentVolume volume(int v, SyntheticCluster.Volume volume) {
        Quantity size = new Quantity(volume.sizeGi() + "Gi");
        PersistentVolumeBuilder pv = new PersistentVolumeBuilder().withNewMetadata().withName(volume.name())
                .withUid(uid(v)).withResourceVersion(rv(v))
                .addToAnnotations("pv.kubernetes.io/provisioned-by", volume.local() ? TOPOLVM : LONGHORN)
                .addToAnnotations("volume.kubernetes.io/provisioner-deletion-secret-name", "")
                .addToAnnotations("volume.kubernetes.io/provisioner-deletion-secret-namespace", "")
                .withFinalizers("kubernetes.io/pv-protection", "external-attacher/driver-longhorn-io").endMetadata();
        PersistentVolume built = pv.withNewSpec().addToCapacity("storage", size).withAccessModes("ReadWriteOnce")
                .withPersistentVolumeReclaimPolicy("Delete").withStorageClassName(storageClass(volume))
                .withVolumeMode("Filesystem")
                .withNewCsi().withDriver(volume.local() ? TOPOLVM : LONGHORN).withVolumeHandle(volume.name())
                .withFsType("ext4").withVolumeAttributes(attributes(volume)).endCsi()
                .withNewClaimRef().withApiVersion("v1").withKind("PersistentVolumeClaim")
                .withNamespace(SyntheticCluster.NAMESPACE).withName(volume.claim()).withUid(uid(v + 1_000_000)).endClaimRef()
                .endSpec().withNewStatus().withPhase("Bound").endStatus().build();
        if (volume.local()) {
            built.getSpec().setNodeAffinity(new VolumeNodeAffinityBuilder().withNewRequired().addNewNodeSelectorTerm()
                    .addNewMatchExpression().withKey("kubernetes.io/hostname").withOperator("In")
                    .withValues(volume.nodes().get(0)).endMatchExpression().endNodeSelectorTerm().endRequired().build());
        }
        return built;
    }

    private static Map<String, String> attributes(SyntheticCluster.Volume volume) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (volume.local()) {
            attributes.put("topolvm.io/device-class", "nvme");
        } else {
            attributes.put("dataLocality", "disabled");
            attributes.put("fsType", "ext4");
            attributes.put("numberOfReplicas", Integer.toString(volume.nodes().size()));
            attributes.put("staleReplicaTimeout", "30");
        }
        attributes.put("storage.kubernetes.io/csiProvisionerIdentity", "1700000000000-8081-"
                + (volume.local() ? TOPOLVM : LONGHORN));
        return attributes;
    }

    private static PersistentVolumeClaim claim(int v, SyntheticCluster.Volume volume) {
        String provisioner = volume.local() ? TOPOLVM : LONGHORN;
        Quantity size = new Quantity(volume.sizeGi() + "Gi");
        return new PersistentVolumeClaimBuilder().withNewMetadata().withNamespace(SyntheticCluster.NAMESPACE)
                .withName(volume.claim()).withUid(uid(v + 1_000_000)).withResourceVersion(rv(v))
                .addToLabels("app", "app-" + (v % 500))
                .addToAnnotations("pv.kubernetes.io/bind-completed", "yes")
                .addToAnnotations("pv.kubernetes.io/bound-by-controller", "yes")
                .addToAnnotations("volume.beta.kubernetes.io/storage-provisioner", provisioner)
                .addToAnnotations("volume.kubernetes.io/storage-provisioner", provisioner)
                .withFinalizers("kubernetes.io/pvc-protection").endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName(storageClass(volume))
                .withVolumeMode("Filesystem").withVolumeName(volume.name())
                .withNewResources().addToRequests("storage", size).endResources().endSpec()
                .withNewStatus().withPhase("Bound").addToCapacity("storage", size).endStatus().build();
    }

    private static String storageClass(SyntheticCluster.Volume volume) {
        return volume.local() ? SyntheticCluster.LOCAL_CLASS : SyntheticCluster.REPLICATED_CLASS;
    }

    private static GenericKubernetesResource replica(int v, int r, SyntheticCluster.Volume volume) {
        String pv = volume.name();
        String node = volume.nodes().get(r);
        String name = pv + "-r-" + String.format("%08x", v * 8 + r);
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("active", true);
        spec.put("backendStoreDriver", "v1");
        spec.put("dataDirectoryName", pv + "-" + String.format("%08x", v * 8 + r + 7));
        spec.put("diskID", "disk-" + node);
        spec.put("diskPath", "/var/lib/longhorn/");
        spec.put("engineName", pv + "-e-0");
        spec.put("failedAt", "");
        spec.put("image", "longhornio/longhorn-engine:v1.7.1");
        spec.put("nodeID", node);
        spec.put("volumeName", pv);
        spec.put("volumeSize", Long.toString((long) volume.sizeGi() << 30));
        spec.put("desireState", "running");
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("currentState", "running");
        status.put("currentImage", "longhornio/longhorn-engine:v1.7.1");
        status.put("instanceManagerName", "instance-manager-" + node);
        status.put("ip", "10.244.1." + (r + 10));
        status.put("ownerID", node);
        status.put("port", 10000 + r);
        status.put("started", true);
        return new GenericKubernetesResourceBuilder().withApiVersion("longhorn.io/v1beta2").withKind("Replica")
                .withNewMetadata().withNamespace(LONGHORN_NS).withName(name).withUid(uid(v * 8 + r + 2_000_000))
                .withResourceVersion(rv(v * 8 + r)).addToLabels("longhornnode", node)
                .addToLabels("longhornvolume", pv).addToLabels("longhorndiskuuid", "disk-" + node)
                .addNewOwnerReference().withApiVersion("longhorn.io/v1beta2").withKind("Volume").withName(pv)
                .withUid(uid(v)).endOwnerReference().withFinalizers("longhorn.io").endMetadata()
                .withAdditionalProperties(Map.of("spec", spec, "status", status)).build();
    }

    private static String uid(int i) {
        return new UUID(0x1234_5678L, i).toString();
    }

    private static String rv(int i) {
        return Integer.toString(1_000_000 + i);
    }
}
