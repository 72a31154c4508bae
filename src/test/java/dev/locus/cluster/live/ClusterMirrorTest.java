package dev.locus.cluster.live;

import static dev.locus.cluster.live.TestObjects.longhornVolume;
import static dev.locus.cluster.live.TestObjects.node;
import static dev.locus.cluster.live.TestObjects.replica;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.cluster.SnapshotChange;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The record stores as an informer drives them: conversion, change detection, stand-ins. */
class ClusterMirrorTest {

    private final AtomicInteger changes = new AtomicInteger();
    private final ClusterMirror mirror = new ClusterMirror(changes::incrementAndGet);

    private static <T extends io.fabric8.kubernetes.api.model.HasMetadata> T version(T object, String rv) {
        object.getMetadata().setResourceVersion(rv);
        return object;
    }

    @Test
    void anUnchangedRecordKeepsItsInstanceAndReportsNothing() {
        mirror.put(version(longhornVolume("pv-1", "vol-1"), "1"));
        SnapshotChange first = mirror.rebuild(1);
        assertEquals(Set.of("pv-1"), first.volumes());

        PersistentVolume relisted = version(longhornVolume("pv-1", "vol-1"), "2");
        mirror.put(relisted);
        SnapshotChange second = mirror.rebuild(2);
        assertEquals(1, changes.get(), "only the first put changed a record");
        assertTrue(second.volumes().isEmpty());
        assertSame(first.snapshot().volume("pv-1"), second.snapshot().volume("pv-1"));
    }

    @Test
    void aNodeStatusUpdateChangesNothingALabelChangeDoes() {
        Node node = version(node("n1", "zone-a"), "1");
        mirror.put(node);
        Node heartbeat = version(node("n1", "zone-a"), "2");
        heartbeat.getStatus().getConditions().get(0).setLastHeartbeatTime("2025-01-01T00:00:00Z");
        mirror.put(heartbeat);
        assertEquals(1, changes.get());

        mirror.put(version(node("n1", "zone-b"), "3"));
        assertEquals(2, changes.get());
        SnapshotChange change = mirror.rebuild(1);
        assertEquals("zone-b", change.snapshot().node("n1").labels().get("topology.kubernetes.io/zone"));
        assertTrue(change.volumes().isEmpty(), "a node change says nothing about volume locality");
    }

    @Test
    void replicaChangesNameTheirStorageVolumeAndDeletionsAreTracked() {
        mirror.put(version(longhornVolume("pv-1", "vol-1"), "1"));
        GenericKubernetesResource r1 = version(replica("r1", "vol-1", "n1", "running", ""), "2");
        mirror.put(r1);
        mirror.rebuild(1);

        mirror.put(version(replica("r1", "vol-1", "n1", "error", "2025-01-01T00:00:00Z"), "3"));
        SnapshotChange failed = mirror.rebuild(2);
        assertEquals(Set.of("vol-1"), failed.storageVolumes());
        assertFalse(failed.snapshot().replicas("vol-1").get(0).healthy());

        mirror.remove(r1);
        mirror.remove(longhornVolume("pv-1", "vol-1"));
        SnapshotChange removed = mirror.rebuild(3);
        assertEquals(Set.of("vol-1"), removed.storageVolumes());
        assertEquals(Set.of("pv-1"), removed.volumes());
        assertTrue(removed.snapshot().replicas("vol-1").isEmpty());
        assertNull(removed.snapshot().volume("pv-1"));
        assertEquals(0, mirror.size());
    }

    @Test
    void fabric8GetsMetadataOnlyStandIns() {
        RecordStore<GenericKubernetesResource, ?> store = mirror.store(
                WatchedKinds.ALL.stream().filter(k -> k.kind().equals("Replica")).findFirst().orElseThrow());
        GenericKubernetesResource r1 = version(replica("r1", "vol-1", "n1", "running", ""), "7");
        String key = store.getKey(r1);
        assertEquals("longhorn-system/r1", key);
        assertNull(store.put(key, r1), "no previous object");
        GenericKubernetesResource stub = store.get(key);
        assertEquals("r1", stub.getMetadata().getName());
        assertEquals("longhorn-system", stub.getMetadata().getNamespace());
        assertEquals("7", stub.getMetadata().getResourceVersion());
        assertEquals("Replica", stub.getKind());
        assertTrue(stub.getAdditionalProperties().isEmpty(), "no spec or status is kept");
        assertEquals(1, store.values().count());
        GenericKubernetesResource listed = store.values().findFirst().orElseThrow();
        assertSame(store.keySet().findFirst().orElseThrow(), store.getKey(listed), "the stored key, not a new one");
        assertEquals("7", listed.getMetadata().getResourceVersion());
        assertThrows(UnsupportedOperationException.class, () -> listed.getMetadata().setName("other"));
        assertTrue(listed.getMetadata().getLabels().isEmpty() && listed.getMetadata().getOwnerReferences().isEmpty()
                && listed.getMetadata().getFinalizers().isEmpty(), "a stand-in's collections are empty, never null");
    }

    @Test
    void aStandInOfAClusterScopedObjectHasNoNamespace() {
        RecordStore<Node, ?> store = mirror.store(WatchedKinds.ALL.get(0));
        Node n1 = version(node("n1", "zone-a"), "12");
        store.put(store.getKey(n1), n1);
        Node stub = store.get("n1");
        assertEquals("n1", stub.getMetadata().getName());
        assertNull(stub.getMetadata().getNamespace());
        assertEquals("12", stub.getMetadata().getResourceVersion());
        assertEquals("n1", store.getKey(stub));
    }

    @Test
    void objectsOfKindsNotWatchedAreRefused() {
        Pod pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("default").endMetadata().build();
        assertFalse(mirror.put(pod));
        assertEquals(0, mirror.size());
    }

    @Test
    void anObjectThatCannotBeReadIsIgnoredUntilItChanges() {
        PersistentVolume broken = new PersistentVolumeBuilder().withNewMetadata().withName("pv-x")
                .withResourceVersion("1").endMetadata().withNewSpec().withNewNodeAffinity().withNewRequired()
                .addNewNodeSelectorTerm().addNewMatchExpression().withKey("k").withOperator("In")
                .withValues((String) null).endMatchExpression().endNodeSelectorTerm().endRequired()
                .endNodeAffinity().endSpec().build();
        assertTrue(mirror.put(broken));
        assertNull(mirror.rebuild(1).snapshot().volume("pv-x"));
        mirror.put(version(longhornVolume("pv-x", "vol-x"), "2"));
        assertNotNull(mirror.rebuild(2).snapshot().volume("pv-x"));
    }

    @Test
    void repeatedStringsAreSharedAndLastAppliedConfigurationIsDropped() {
        PersistentVolume pv = version(longhornVolume(new String("pvc-1"), new String("pvc-1")), "1");
        pv.getMetadata().getAnnotations().put("kubectl.kubernetes.io/last-applied-configuration", "{\"kind\":\"PV\"}");
        mirror.put(pv);
        mirror.put(version(replica("r1", new String("pvc-1"), new String("n1"), "running", ""), "2"));
        mirror.put(version(replica("r2", new String("pvc-1"), new String("n1"), "running", ""), "3"));
        var snapshot = mirror.rebuild(1).snapshot();
        var volume = snapshot.volume("pvc-1");
        var replicas = snapshot.replicas("pvc-1");
        assertSame(volume.name(), volume.volumeHandle());
        assertSame(volume.volumeHandle(), replicas.get(0).volumeName());
        assertSame(replicas.get(0).nodeName(), replicas.get(1).nodeName());
        assertEquals(Set.of("longhorn-system/r1", "longhorn-system/r2"),
                Set.of(replicas.get(0).name(), replicas.get(1).name()));
        assertEquals(Set.of("pv.kubernetes.io/provisioned-by"), volume.annotations().keySet());
    }

    @Test
    void anObjectWithTheStoredResourceVersionIsNotReadAgain() {
        mirror.put(version(node("n1", "zone-a"), "5"));
        mirror.put(version(node("n1", "zone-b"), "5"));
        assertEquals(1, changes.get());
        assertEquals("zone-a", mirror.rebuild(1).snapshot().node("n1").labels().get("topology.kubernetes.io/zone"),
                "an API server never serves other content under the same resourceVersion");
    }

    @Test
    void anUnchangedObjectIsItsOwnStandInAChangedOneGetsTheStoredVersion() {
        RecordStore<Node, ?> store = mirror.store(WatchedKinds.ALL.get(0));
        Node first = version(node("n1", "zone-a"), "5");
        store.put(store.getKey(first), first);
        Node relisted = version(node("n1", "zone-a"), "5");
        assertSame(relisted, store.put(store.getKey(relisted), relisted),
                "same resourceVersion: fabric8 compares it, finds it equal and drops it");
        Node changed = version(node("n1", "zone-b"), "6");
        Node old = store.put(store.getKey(changed), changed);
        assertEquals("5", old.getMetadata().getResourceVersion());
        assertEquals("n1", old.getMetadata().getName());
        assertEquals(2, changes.get());
    }

    @Test
    void everyReplicaOfAVolumeIsGroupedWhateverTheirNumber() {
        for (int i = 0; i < 5; i++) {
            mirror.put(version(replica("r" + i, "vol-1", "n" + i, "running", ""), String.valueOf(i + 1)));
        }
        mirror.put(version(replica("s1", "vol-2", "n1", "running", ""), "9"));
        var snapshot = mirror.rebuild(1).snapshot();
        assertEquals(Set.of("n0", "n1", "n2", "n3", "n4"), snapshot.replicas("vol-1").stream()
                .map(dev.locus.cluster.ReplicaInfo::nodeName).collect(java.util.stream.Collectors.toSet()));
        assertEquals(1, snapshot.replicas("vol-2").size());
        assertTrue(snapshot.replicas("vol-3").isEmpty());
    }
}
