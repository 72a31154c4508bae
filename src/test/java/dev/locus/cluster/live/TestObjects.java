package dev.locus.cluster.live;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.Map;

/** fabric8 objects for live-mode tests, shaped like what a real cluster serves. */
final class TestObjects {

    static final String LONGHORN_NAMESPACE = "longhorn-system";
    static final ResourceDefinitionContext REPLICAS = new ResourceDefinitionContext.Builder()
            .withGroup("longhorn.io").withVersion("v1beta2").withPlural("replicas").withKind("Replica")
            .withNamespaced(true).build();

    static final ResourceDefinitionContext LONGHORN_NODES = new ResourceDefinitionContext.Builder()
            .withGroup("longhorn.io").withVersion("v1beta2").withPlural("nodes").withKind("Node")
            .withNamespaced(true).build();

    private TestObjects() {
    }

    static Node node(String name, String zone) {
        return new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("kubernetes.io/hostname", name)
                .addToLabels("topology.kubernetes.io/zone", zone).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build();
    }

    /** A Longhorn PV: CSI driver driver.longhorn.io, volumeHandle = the Longhorn volume name. */
    static PersistentVolume longhornVolume(String name, String handle) {
        return new PersistentVolumeBuilder().withNewMetadata().withName(name)
                .addToAnnotations("pv.kubernetes.io/provisioned-by", "driver.longhorn.io").endMetadata()
                .withNewSpec().withStorageClassName("longhorn").addToCapacity("storage", new Quantity("10Gi"))
                .withNewCsi().withDriver("driver.longhorn.io").withVolumeHandle(handle).endCsi()
                .withNewClaimRef().withNamespace("default").withName("data-" + name).endClaimRef()
                .endSpec().build();
    }

    /** A local PV pinned to {@code node} by its required node affinity. */
    static PersistentVolume localVolume(String name, String node) {
        return new PersistentVolumeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withStorageClassName("local").addToCapacity("storage", new Quantity("1Gi"))
                .withNewLocal().withPath("/mnt/" + name).endLocal()
                .withNewNodeAffinity().withNewRequired().addNewNodeSelectorTerm().addNewMatchExpression()
                .withKey("kubernetes.io/hostname").withOperator("In").withValues(node)
                .endMatchExpression().endNodeSelectorTerm().endRequired().endNodeAffinity()
                .endSpec().build();
    }

    static PersistentVolumeClaim claim(String namespace, String name, String volume) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withNewSpec().withStorageClassName("longhorn").withVolumeName(volume)
                .withNewResources().addToRequests("storage", new Quantity("10Gi")).endResources().endSpec().build();
    }

    static StorageClass storageClass(String name) {
        return new StorageClassBuilder().withNewMetadata().withName(name).endMetadata()
                .withProvisioner("driver.longhorn.io").withVolumeBindingMode("Immediate").build();
    }

    /** A Longhorn Replica; {@code failedAt} empty for a healthy one. */
    static GenericKubernetesResource replica(String name, String volume, String node, String state, String failedAt) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("volumeName", volume);
        spec.put("nodeID", node);
        spec.put("failedAt", failedAt);
        spec.put("dataDirectoryName", volume + "-" + name);
        return new GenericKubernetesResourceBuilder().withApiVersion("longhorn.io/v1beta2").withKind("Replica")
                .withNewMetadata().withNamespace(LONGHORN_NAMESPACE).withName(name)
                .addToLabels("longhornvolume", volume).addToLabels("longhornnode", node).endMetadata()
                .withAdditionalProperties(Map.of("spec", spec, "status", Map.of("currentState", state)))
                .build();
    }

    /** The replicas.longhorn.io CRD, served at v1beta2. */
    static CustomResourceDefinition replicaCrd() {
        return longhornCrd("replicas", "replica", "Replica");
    }

    /** The nodes.longhorn.io CRD, served at v1beta2: kind Node, like the core kind. */
    static CustomResourceDefinition longhornNodeCrd() {
        return longhornCrd("nodes", "node", "Node");
    }

    /**
     * A Longhorn Node (namespace longhorn-system) as Longhorn's manager writes it: {@code status.conditions}
     * with Ready (status {@code ready}, reason {@code reason}) and Schedulable True, and one disk per
     * entry of {@code diskReady} with its Ready condition.
     */
    static GenericKubernetesResource longhornNode(String name, String ready, String reason, String... diskReady) {
        Map<String, Object> disks = new LinkedHashMap<>();
        for (int i = 0; i < diskReady.length; i++) {
            disks.put("disk-" + i, Map.of("conditions", java.util.List.of(condition("Ready", diskReady[i], ""),
                    condition("Schedulable", diskReady[i], "")), "storageAvailable", 10L << 30));
        }
        Map<String, Object> status = Map.of("conditions", java.util.List.of(condition("Ready", ready, reason),
                condition("Schedulable", "True", "")), "diskStatus", disks, "region", "", "zone", "");
        return new GenericKubernetesResourceBuilder().withApiVersion("longhorn.io/v1beta2").withKind("Node")
                .withNewMetadata().withNamespace(LONGHORN_NAMESPACE).withName(name).endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("allowScheduling", true, "name", name),
                        "status", status))
                .build();
    }

    private static Map<String, Object> condition(String type, String status, String reason) {
        return Map.of("type", type, "status", status, "reason", reason, "message", "",
                "lastTransitionTime", "2026-12-04T12:00:00Z");
    }

    private static CustomResourceDefinition longhornCrd(String plural, String singular, String kind) {
        return new CustomResourceDefinitionBuilder().withNewMetadata().withName(plural + ".longhorn.io").endMetadata()
                .withNewSpec().withGroup("longhorn.io").withScope("Namespaced")
                .withNewNames().withPlural(plural).withSingular(singular).withKind(kind).endNames()
                .addNewVersion().withName("v1beta2").withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema().endVersion()
                .endSpec().build();
    }
}
