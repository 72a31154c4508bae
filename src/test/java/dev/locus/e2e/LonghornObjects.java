package dev.locus.e2e;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/** Longhorn's Node objects ({@code nodes.longhorn.io}) on the e2e control plane: the CRD and a node's state. */
final class LonghornObjects {

    static final String NAMESPACE = "longhorn-system";
    static final ResourceDefinitionContext NODES = new ResourceDefinitionContext.Builder().withGroup("longhorn.io")
            .withVersion("v1beta2").withPlural("nodes").withKind("Node").withNamespaced(true).build();

    private LonghornObjects() {
    }

    /**
     * Installs nodes.longhorn.io (once an earlier copy is deleted and gone) and waits until it is
     * served; the namespace longhorn-system is made when missing (namespaces outlive a class).
     */
    static void installNodeCrd(ControlPlane plane) {
        var crds = plane.client().apiextensions().v1().customResourceDefinitions();
        crds.withName("nodes.longhorn.io").delete(); // an earlier class's copy, or one a failed test left
        crds.withName("nodes.longhorn.io").waitUntilCondition(Objects::isNull, 60, TimeUnit.SECONDS);
        crds.resource(nodeCrd()).create();
        // a CRD just made may have no status or no conditions yet
        crds.withName("nodes.longhorn.io").waitUntilCondition(c -> c != null && c.getStatus() != null
                && c.getStatus().getConditions() != null && c.getStatus().getConditions().stream()
                .anyMatch(x -> "Established".equals(x.getType()) && "True".equals(x.getStatus())),
                30, TimeUnit.SECONDS);
        if (plane.client().namespaces().withName(NAMESPACE).get() == null) {
            plane.createNamespace(NAMESPACE);
        }
    }

    /** Deletes nodes.longhorn.io and waits until it is gone, so the next Locus start does not discover it. */
    static void removeNodeCrd(KubernetesClient client) {
        var crd = client.apiextensions().v1().customResourceDefinitions().withName("nodes.longhorn.io");
        crd.delete();
        crd.waitUntilCondition(Objects::isNull, 60, TimeUnit.SECONDS);
    }

    /** nodes.longhorn.io as Longhorn installs it (served and stored at v1beta2), without its schema. */
    static CustomResourceDefinition nodeCrd() {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("nodes.longhorn.io").endMetadata()
                .withNewSpec().withGroup("longhorn.io").withScope("Namespaced")
                .withNewNames().withPlural("nodes").withSingular("node").withKind("Node").withListKind("NodeList")
                .endNames().addNewVersion().withName("v1beta2").withServed(true).withStorage(true)
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema().endVersion().endSpec().build();
    }

    /** A Longhorn Node with its Ready condition, one ready disk (status written with the object: no status subresource here). */
    static GenericKubernetesResource node(String node, String ready, String reason) {
        Map<String, Object> disk = Map.of("conditions", List.of(Map.of("type", "Ready", "status", "True")));
        Map<String, Object> status = Map.of("conditions", List.of(Map.of("type", "Ready", "status", ready, "reason", reason),
                Map.of("type", "Schedulable", "status", "True")), "diskStatus", Map.of("default-disk", disk));
        return new GenericKubernetesResourceBuilder().withApiVersion("longhorn.io/v1beta2")
                .withKind("Node").withNewMetadata().withNamespace(NAMESPACE).withName(node).endMetadata()
                .withAdditionalProperties(Map.of("spec", Map.of("name", node, "allowScheduling", true), "status", status))
                .build();
    }
}
