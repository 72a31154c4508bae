package dev.locus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Placement reads Longhorn's own node objects: Longhorn reports node D not Ready
 * ({@code ManagerPodDown}) while its core Node stays Ready and the replicas on it are not
 * failed yet. Pods whose Longhorn volumes (driver {@code driver.longhorn.io}) have a replica on
 * D and one on another node each land on the other replica, never on D, under the genuine
 * kube-scheduler v1.24.
 */
@ExtendWith(ControlPlaneExtension.class)
class LonghornNodePlacementE2E {

    private static final int PODS = 6;

    @Test
    void podsWithALonghornVolumeLandOnTheReplicaWhoseLonghornNodeIsReady(ControlPlane plane) {
        KubernetesClient client = plane.client();
        String ns = "longhorn-placement-e2e";
        LonghornObjects.installNodeCrd(plane);
        Cluster.ensureNodes(client);
        plane.useShippedScheduler("http-nodenames.yaml");
        plane.createNamespace(ns);
        plane.startLocus(); // discovers nodes.longhorn.io, installed now
        plane.locus().awaitReady();
        Cluster cluster = new Cluster(client, ns);
        List<String> nodes = new ArrayList<>(Cluster.nodeNames().stream().filter(n -> !Cluster.small(n)).toList());
        java.util.Collections.shuffle(nodes, new Random(20251205));
        String down = nodes.get(0);
        try {
            var longhornNodes = client.genericKubernetesResources(LonghornObjects.NODES).inNamespace(LonghornObjects.NAMESPACE);
            longhornNodes.resource(LonghornObjects.node(down, "False", "ManagerPodDown")).create();
            for (int i = 1; i <= PODS; i++) {
                longhornNodes.resource(LonghornObjects.node(nodes.get(i), "True", "")).create();
            }
            List<String> claims = new ArrayList<>();
            for (int i = 1; i <= PODS; i++) {
                cluster.volume("data-" + i, "1Gi", List.of(down, nodes.get(i)), Map.of(), "driver.longhorn.io");
                claims.add("data-" + i);
            }
            cluster.awaitClaimsBound(plane, claims);
            plane.locus().awaitSees("Longhorn reports " + down + " not Ready",
                    s -> s.longhornNode(down) != null && !s.longhornNode(down).ready());
            List<String> pods = new ArrayList<>();
            for (int i = 1; i <= PODS; i++) {
                cluster.pod("app-" + i, "100m", List.of("data-" + i), Map.of());
                pods.add("app-" + i);
            }
            Map<String, String> bound = cluster.awaitBound(pods);

            for (int i = 1; i <= PODS; i++) {
                assertEquals(nodes.get(i), bound.get("app-" + i), "app-" + i + ": Longhorn replicas on " + down
                        + " (Longhorn Node not Ready) and " + nodes.get(i));
            }
        } finally {
            cluster.deleteAll();
            client.genericKubernetesResources(LonghornObjects.NODES).inNamespace(LonghornObjects.NAMESPACE).delete();
            LonghornObjects.removeNodeCrd(client);
            plane.startLocus(); // the next class gets Locus without Longhorn's node objects
        }
    }
}
