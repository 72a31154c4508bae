package dev.locus.cluster.live;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.CSINode;
import io.fabric8.kubernetes.api.model.storage.CSINodeBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * A synthetic Longhorn cluster shaped like what the API server lists: nodes with realistic
 * labels, annotations and status, one CSINode each, dynamically provisioned Longhorn PVs
 * bound to PVCs spread over namespaces, and {@code replicas} Longhorn Replica objects per
 * volume on distinct nodes, with the spec and status Longhorn writes.
 *
 * <p>Every object is serialized to JSON and read back with fabric8's serializer before it is
 * handed on, as an informer receives it: the strings in it are distinct instances exactly as
 * after a real list (Jackson interns only field names, i.e. map keys).
 */
final class SyntheticCluster {

    private static final String DRIVER = "driver.longhorn.io";
    private static final String NS = "longhorn-system";

    private final int nodes;
    private final int volumes;
    private final int replicas;
    private final boolean roundTrip;
    private final KubernetesSerialization json = new KubernetesSerialization();

    /**
     * @param nodes      node count
     * @param volumes    PV (and PVC) count
     * @param replicas   Longhorn replicas per volume, on distinct nodes
     * @param roundTrip  pass every object through JSON as an informer would (slower to generate)
     */
    SyntheticCluster(int nodes, int volumes, int replicas, boolean roundTrip) {
        this.nodes = nodes;
        this.volumes = volumes;
        this.replicas = replicas;
        this.roundTrip = roundTrip;
    }

    /** Objects generated: nodes, CSINodes, one StorageClass, PVs, PVCs, replicas. */
    long objectCount() {
        return 2L * nodes + 1 + 2L * volumes + (long) volumes * replicas;
    }

    /** Hands every object to {@code sink}, in list order: nodes, CSINodes, StorageClass, PVs, PVCs, replicas. */
    void forEach(Consumer<HasMetadata> sink) {
        for (int i = 0; i < nodes; i++) {
            sink.accept(read(node(i), Node.class));
            sink.accept(read(csiNode(i), CSINode.class));
        }
        sink.accept(new StorageClassBuilder().withNewMetadata().withName("longhorn").withResourceVersion("1")
                .endMetadata().withProvisioner(DRIVER).withVolumeBindingMode("Immediate").build());
        Random random = new Random(42);
        for (int v = 0; v < volumes; v++) {
            String pv = "pvc-" + new UUID(random.nextLong(), random.nextLong());
            sink.accept(read(volume(v, pv), PersistentVolume.class));
            sink.accept(read(claim(v, pv), PersistentVolumeClaim.class));
        }
        random = new Random(42);
        for (int v = 0; v < volumes; v++) {
            String pv = "pvc-" + new UUID(random.nextLong(), random.nextLong());
            int first = Math.floorMod(pv.hashCode(), nodes);
            for (int r = 0; r < replicas; r++) {
                sink.accept(read(replica(v, r, pv, nodeName((first + r * (nodes / replicas + 1)) % nodes)),
                        GenericKubernetesResource.class));
            }
        }
    }

    private <T> T read(T object, Class<T> type) {
        return roundTrip ? json.unmarshal(json.asJson(object), type) : object;
    }

    static String nodeName(int i) {
        return String.format("node-%05d", i);
    }

    private static Node node(int i) {
        String name = nodeName(i);
        return new NodeBuilder().withNewMetadata().withName(name).withUid(uid(i)).withResourceVersion(rv(i))
                .addToLabels("kubernetes.io/hostname", name).addToLabels("kubernetes.io/os", "linux")
                .addToLabels("kubernetes.io/arch", "amd64").addToLabels("beta.kubernetes.io/os", "linux")
                .addToLabels("beta.kubernetes.io/arch", "amd64")
                .addToLabels("node.kubernetes.io/instance-type", "m5.2xlarge")
                .addToLabels("topology.kubernetes.io/region", "region-1")
                .addToLabels("topology.kubernetes.io/zone", "zone-" + (i % 3))
                .addToLabels("failure-domain.beta.kubernetes.io/zone", "zone-" + (i % 3))
                .addToLabels("topology.locus.dev/rack", "rack-" + (i / 40))
                .addToLabels("node-role.kubernetes.io/worker", "")
                .addToLabels("node.longhorn.io/create-default-disk", "true")
                .addToAnnotations("csi.volume.kubernetes.io/nodeid", "{\"driver.longhorn.io\":\"" + name + "\"}")
                .addToAnnotations("node.alpha.kubernetes.io/ttl", "0")
                .addToAnnotations("volumes.kubernetes.io/controller-managed-attach-detach", "true")
                .addToAnnotations("kubeadm.alpha.kubernetes.io/cri-socket", "unix:///run/containerd/containerd.sock")
                .addToAnnotations("projectcalico.org/IPv4Address", "10.1." + (i / 250) + "." + (i % 250) + "/16")
                .endMetadata()
                .withNewSpec().withPodCIDR("10.244." + (i % 250) + ".0/24").endSpec()
                .withNewStatus()
                .addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady").endCondition()
                .addNewCondition().withType("MemoryPressure").withStatus("False").endCondition()
                .addNewCondition().withType("DiskPressure").withStatus("False").endCondition()
                .addNewAddress().withType("InternalIP").withAddress("10.1." + (i / 250) + "." + (i % 250)).endAddress()
                .addNewAddress().withType("Hostname").withAddress(name).endAddress()
                .addToCapacity("cpu", new Quantity("8")).addToCapacity("memory", new Quantity("32Gi"))
                .addToAllocatable("cpu", new Quantity("7910m")).addToAllocatable("memory", new Quantity("31Gi"))
                .withNewNodeInfo().withKubeletVersion("v1.30.4").withOsImage("Ubuntu 22.04.4 LTS")
                .withContainerRuntimeVersion("containerd://1.7.20").endNodeInfo()
                .endStatus().build();
    }

    private static CSINode csiNode(int i) {
        return new CSINodeBuilder().withNewMetadata().withName(nodeName(i)).withResourceVersion(rv(i)).endMetadata()
                .withNewSpec().addNewDriver().withName(DRIVER).withNodeID(nodeName(i)).endDriver().endSpec().build();
    }

    private static PersistentVolume volume(int v, String pv) {
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("dataLocality", "disabled");
        attributes.put("fsType", "ext4");
        attributes.put("numberOfReplicas", "3");
        attributes.put("staleReplicaTimeout", "30");
        attributes.put("storage.kubernetes.io/csiProvisionerIdentity", "1700000000000-8081-driver.longhorn.io");
        return new PersistentVolumeBuilder().withNewMetadata().withName(pv).withUid(uid(v)).withResourceVersion(rv(v))
                .addToAnnotations("pv.kubernetes.io/provisioned-by", DRIVER)
                .addToAnnotations("volume.kubernetes.io/provisioner-deletion-secret-name", "")
                .addToAnnotations("volume.kubernetes.io/provisioner-deletion-secret-namespace", "")
                .withFinalizers("kubernetes.io/pv-protection", "external-attacher/driver-longhorn-io").endMetadata()
                .withNewSpec().addToCapacity("storage", new Quantity("10Gi")).withAccessModes("ReadWriteOnce")
                .withPersistentVolumeReclaimPolicy("Delete").withStorageClassName("longhorn")
                .withVolumeMode("Filesystem")
                .withNewCsi().withDriver(DRIVER).withVolumeHandle(pv).withFsType("ext4")
                .withVolumeAttributes(attributes).endCsi()
                .withNewClaimRef().withApiVersion("v1").withKind("PersistentVolumeClaim")
                .withNamespace(namespace(v)).withName(claimName(v)).withUid(uid(v + 1_000_000)).endClaimRef()
                .endSpec().withNewStatus().withPhase("Bound").endStatus().build();
    }

    private static PersistentVolumeClaim claim(int v, String pv) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withNamespace(namespace(v)).withName(claimName(v))
                .withUid(uid(v + 1_000_000)).withResourceVersion(rv(v))
                .addToLabels("app", "app-" + (v % 500))
                .addToAnnotations("pv.kubernetes.io/bind-completed", "yes")
                .addToAnnotations("pv.kubernetes.io/bound-by-controller", "yes")
                .addToAnnotations("volume.beta.kubernetes.io/storage-provisioner", DRIVER)
                .addToAnnotations("volume.kubernetes.io/storage-provisioner", DRIVER)
                .withFinalizers("kubernetes.io/pvc-protection").endMetadata()
                .withNewSpec().withAccessModes("ReadWriteOnce").withStorageClassName("longhorn")
                .withVolumeMode("Filesystem").withVolumeName(pv)
                .withNewResources().addToRequests("storage", new Quantity("10Gi")).endResources().endSpec()
                .withNewStatus().withPhase("Bound").addToCapacity("storage", new Quantity("10Gi")).endStatus().build();
    }

    private static GenericKubernetesResource replica(int v, int r, String pv, String node) {
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
        spec.put("volumeSize", "10737418240");
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
                .withNewMetadata().withNamespace(NS).withName(name).withUid(uid(v * 8 + r + 2_000_000))
                .withResourceVersion(rv(v * 8 + r)).addToLabels("longhornnode", node)
                .addToLabels("longhornvolume", pv).addToLabels("longhorndiskuuid", "disk-" + node)
                .addNewOwnerReference().withApiVersion("longhorn.io/v1beta2").withKind("Volume").withName(pv)
                .withUid(uid(v)).endOwnerReference().withFinalizers("longhorn.io").endMetadata()
                .withAdditionalProperties(Map.of("spec", spec, "status", status)).build();
    }

    private static String namespace(int v) {
        return "ns-" + (v % 200);
    }

    private static String claimName(int v) {
        return String.format("data-%06d", v);
    }

    private static String uid(int i) {
        return new UUID(0x1234_5678L, i).toString();
    }

    private static String rv(int i) {
        return Integer.toString(1_000_000 + i);
    }
}
