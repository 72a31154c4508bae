package dev.locus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.config.MonitorSettings;
import dev.locus.placement.StorageState;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.Counter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The storage health monitor under the genuine control plane: a StatefulSet of 3 with
 * replicated volumes, one member's node loses its storage, the monitor evicts that member
 * and only that member through the Eviction API, the StatefulSet controller recreates it, and
 * kube-scheduler with Locus places it on a healthy replica node. There is no kubelet, so an
 * evicted pod stays Terminating: the test plays the kubelet and finishes the deletion once it
 * sees the eviction. In dry-run the monitor decides the same and evicts nothing.
 */
@ExtendWith(ControlPlaneExtension.class)
class HealthMonitorE2E {

    /** Each member's volume is replicated on three nodes, disjoint between members. */
    private static final Map<String, List<String>> REPLICAS = Map.of(
            "data-db-0", List.of("n-a1-1", "n-b1-1", "n-c1-1"),
            "data-db-1", List.of("n-a1-2", "n-b1-2", "n-c1-2"),
            "data-db-2", List.of("n-a1-3", "n-b1-3", "n-c1-3"));
    private static final List<String> MEMBERS = List.of("db-0", "db-1", "db-2");
    private static final Duration ACT_TIMEOUT = Duration.ofSeconds(60);

    private io.fabric8.kubernetes.client.informers.SharedIndexInformer<Pod> watch;

    @Test
    void evictsOnlyTheMemberOnFailedStorageAndItsSuccessorLandsOnAHealthyReplica(ControlPlane plane) {
        String ns = "monitor-e2e";
        KubernetesClient client = plane.client();
        Map<String, String> bound = setUp(plane, ns, false);
        String victim = "db-1";
        String failed = bound.get(victim);
        Map<String, String> uids = uids(client, ns);
        Set<String> evicted = watchEvictions(client, ns);
        try {
            Cluster.annotateNode(client, failed, StorageState.ANNOTATION, "down");

            // the eviction: graceful deletion of exactly that member, which stays Terminating without a kubelet
            Awaitility.await("the monitor evicts " + victim).atMost(ACT_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> terminating(client, ns, victim));
            assertEquals(uids.get(victim), client.pods().inNamespace(ns).withName(victim).get().getMetadata().getUid());
            // the kubelet's part: confirm the deletion
            client.pods().inNamespace(ns).withName(victim).withGracePeriod(0).delete();

            // the StatefulSet controller recreates it; the scheduler with Locus places it on a healthy replica
            Awaitility.await("the successor of " + victim + " is bound").atMost(ACT_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250)).until(() -> {
                        Pod p = client.pods().inNamespace(ns).withName(victim).get();
                        return p != null && !uids.get(victim).equals(p.getMetadata().getUid())
                                && p.getSpec().getNodeName() != null;
                    });
            String successorNode = client.pods().inNamespace(ns).withName(victim).get().getSpec().getNodeName();
            assertNotEquals(failed, successorNode);
            assertTrue(REPLICAS.get("data-" + victim).contains(successorNode),
                    victim + " recreated on " + successorNode + ", not on a replica of its data " + REPLICAS.get("data-" + victim));

            // a few more passes: nothing else is evicted, the successor stays
            Awaitility.await("no further eviction").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15))
                    .until(() -> evicted.equals(Set.of(victim)));
            for (String member : List.of("db-0", "db-2")) {
                Pod p = client.pods().inNamespace(ns).withName(member).get();
                assertEquals(uids.get(member), p.getMetadata().getUid(), member + " was replaced");
                assertNull(p.getMetadata().getDeletionTimestamp(), member + " is terminating");
            }
            List<String> evictedEvents = events(client, ns, "LocusEvicted");
            assertEquals(List.of(victim), evictedEvents);
            assertTrue(client.v1().events().inNamespace("default").list().getItems().stream()
                    .anyMatch(e -> e.getInvolvedObject().getName().equals(failed)
                            && "LocusStorageFailed".equals(e.getReason())), "an event on node " + failed);
        } finally {
            tearDown(plane, ns, failed);
        }
    }

    /**
     * Longhorn's own node object says the node is down: Locus discovers nodes.longhorn.io (its CRD
     * installed before Locus starts), reads it into its own records (the core Node of the same name
     * stays Ready) and the monitor moves the member off it.
     */
    @Test
    void evictsTheMemberOnANodeLonghornReportsNotReady(ControlPlane plane) {
        String ns = "monitor-longhorn-e2e";
        KubernetesClient client = plane.client();
        LonghornObjects.installNodeCrd(plane);
        Map<String, String> bound = setUp(plane, ns, false);
        String victim = "db-2";
        String failed = bound.get(victim);
        Set<String> evicted = watchEvictions(client, ns);
        try {
            client.genericKubernetesResources(LonghornObjects.NODES).inNamespace(LonghornObjects.NAMESPACE)
                    .resource(LonghornObjects.node(failed, "False", "ManagerPodDown")).create();
            Awaitility.await("the monitor evicts " + victim).atMost(ACT_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(() -> terminating(client, ns, victim));
            client.pods().inNamespace(ns).withName(victim).withGracePeriod(0).delete();
            Awaitility.await("no further eviction").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15))
                    .until(() -> evicted.equals(Set.of(victim)));
            assertTrue(client.nodes().withName(failed).get().getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())),
                    "the core Node " + failed + " is Ready: only Longhorn's object says it is down");
            assertTrue(client.v1().events().inNamespace(ns).list().getItems().stream()
                    .anyMatch(e -> "LocusEvicted".equals(e.getReason()) && victim.equals(e.getInvolvedObject().getName())
                            && e.getMessage().contains("longhorn-node-down (ManagerPodDown)")), "the event names the failure");
        } finally {
            client.genericKubernetesResources(LonghornObjects.NODES).inNamespace(LonghornObjects.NAMESPACE).withName(failed).delete();
            LonghornObjects.removeNodeCrd(client);
            tearDown(plane, ns, failed);
        }
    }

    @Test
    void dryRunDecidesButEvictsNothing(ControlPlane plane) {
        String ns = "monitor-dry-run-e2e";
        KubernetesClient client = plane.client();
        Map<String, String> bound = setUp(plane, ns, true);
        String failed = bound.get("db-1");
        Set<String> evicted = watchEvictions(client, ns);
        try {
            Cluster.annotateNode(client, failed, StorageState.ANNOTATION, "down");
            Awaitility.await("the monitor would evict db-1").atMost(ACT_TIMEOUT).pollInterval(Duration.ofMillis(250))
                    .until(() -> wouldEvict(plane) >= 1);
            Awaitility.await("nothing is evicted").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(15))
                    .until(evicted::isEmpty);
            assertEquals(List.of(), events(client, ns, "LocusEvicted"));
            assertEquals(1.0, wouldEvict(plane), "counted once for the one member on the failed node");
        } finally {
            tearDown(plane, ns, failed);
        }
    }

    /** Locus with the monitor on (grace 2 s, a pass a second), volumes, and a StatefulSet of 3 bound; member to node. */
    private static Map<String, String> setUp(ControlPlane plane, String ns, boolean dryRun) {
        KubernetesClient client = plane.client();
        Cluster.ensureNodes(client);
        plane.useShippedScheduler("http-nodenames.yaml");
        plane.createNamespace(ns);
        plane.startLocus(config -> config.monitor(m -> m.enabled(true).dryRun(dryRun).intervalSeconds(1)
                .grace(MonitorSettings.GRACE_STORAGE_DOWN, 2).grace(MonitorSettings.GRACE_LONGHORN_NODE_DOWN, 2)
                .leaseNamespace(ns)));
        plane.locus().awaitReady();
        Cluster cluster = new Cluster(client, ns);
        REPLICAS.forEach((claim, nodes) -> cluster.volume(claim, "1Gi", nodes, Map.of()));
        cluster.awaitClaimsBound(plane, List.copyOf(REPLICAS.keySet()));
        client.apps().statefulSets().inNamespace(ns).resource(statefulSet()).create();
        Map<String, String> bound = cluster.awaitBound(MEMBERS);
        for (String member : MEMBERS) {
            assertTrue(REPLICAS.get("data-" + member).contains(bound.get(member)),
                    member + " on " + bound.get(member) + ", not on a replica of its data");
        }
        return bound;
    }

    private void tearDown(ControlPlane plane, String ns, String failed) {
        if (watch != null) {
            watch.stop();
        }
        KubernetesClient client = plane.client();
        Cluster.annotateNode(client, failed, StorageState.ANNOTATION, null);
        client.apps().statefulSets().inNamespace(ns).withName("db").delete();
        new Cluster(client, ns).deleteAll();
        plane.startLocus(); // the next class gets Locus without the monitor
    }

    private static StatefulSet statefulSet() {
        Map<String, String> labels = Map.of("app", "db");
        return new StatefulSetBuilder().withNewMetadata().withName("db").endMetadata().withNewSpec()
                .withReplicas(3).withServiceName("db").withPodManagementPolicy("Parallel")
                .withNewSelector().withMatchLabels(labels).endSelector()
                .withNewTemplate().withNewMetadata().withLabels(labels).endMetadata().withNewSpec()
                .withSchedulerName(Cluster.SCHEDULER_NAME).withTerminationGracePeriodSeconds(30L)
                .addNewContainer().withName("db").withImage("registry.k8s.io/pause:3.7")
                .withNewResources().addToRequests("cpu", new Quantity("100m"))
                .addToRequests("memory", new Quantity("64Mi")).endResources()
                .addNewVolumeMount().withName("data").withMountPath("/data").endVolumeMount().endContainer()
                .endSpec().endTemplate()
                .addNewVolumeClaimTemplate().withNewMetadata().withName("data").endMetadata().withNewSpec()
                .withAccessModes("ReadWriteOnce").withStorageClassName("").withNewResources()
                .addToRequests("storage", new Quantity("1Gi")).endResources().endSpec().endVolumeClaimTemplate()
                .endSpec().build();
    }

    private static Map<String, String> uids(KubernetesClient client, String ns) {
        Map<String, String> uids = new ConcurrentHashMap<>();
        client.pods().inNamespace(ns).list().getItems()
                .forEach(p -> uids.put(p.getMetadata().getName(), p.getMetadata().getUid()));
        return uids;
    }

    private static boolean terminating(KubernetesClient client, String ns, String pod) {
        Pod p = client.pods().inNamespace(ns).withName(pod).get();
        return p != null && p.getMetadata().getDeletionTimestamp() != null;
    }

    /** Names of pods seen with a deletionTimestamp (by an informer, so none is missed); stopped by {@link #tearDown}. */
    private Set<String> watchEvictions(KubernetesClient client, String ns) {
        Set<String> seen = ConcurrentHashMap.newKeySet();
        watch = client.pods().inNamespace(ns).inform(new io.fabric8.kubernetes.client.informers.ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                onUpdate(null, pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod pod) {
                if (pod.getMetadata().getDeletionTimestamp() != null) {
                    seen.add(pod.getMetadata().getName());
                }
            }

            @Override
            public void onDelete(Pod pod, boolean unknown) {
            }
        });
        return seen;
    }

    private static List<String> events(KubernetesClient client, String ns, String reason) {
        List<String> pods = new ArrayList<>();
        for (Event e : client.v1().events().inNamespace(ns).list().getItems()) {
            if (reason.equals(e.getReason())) {
                pods.add(e.getInvolvedObject().getName());
            }
        }
        return pods;
    }

    private static double wouldEvict(ControlPlane plane) {
        Counter counter = plane.locus().locus().metrics().registry().find("locus.monitor.evictions")
                .tags("reason", "storage-failed", "dry_run", "true").counter();
        return counter == null ? 0 : counter.count();
    }
}
