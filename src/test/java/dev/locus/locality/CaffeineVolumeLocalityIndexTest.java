package dev.locus.locality;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ReplicaInfo;
import dev.locus.cluster.SnapshotChange;
import dev.locus.cluster.VolumeInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stale-cache rule: an entry is used only with the very inputs it was computed from. */
class CaffeineVolumeLocalityIndexTest {

    private final CaffeineVolumeLocalityIndex index =
            new CaffeineVolumeLocalityIndex(CaffeineVolumeLocalityIndex.defaultSources(), 100);
    private final VolumeInfo volume = new VolumeInfo("pv-1", "longhorn", 1, "driver.longhorn.io", "vol-1", null, null,
            Map.of());

    private static ClusterSnapshot snapshot(long generation, VolumeInfo volume, ReplicaInfo... replicas) {
        ClusterSnapshot.Builder builder = ClusterSnapshot.builder().generation(generation).volume(volume);
        for (ReplicaInfo replica : replicas) {
            builder.replica(replica);
        }
        return builder.build();
    }

    private Set<String> nodes(ClusterSnapshot cluster) {
        return index.placement(cluster.volume("pv-1"), cluster).replicaNodes();
    }

    @Test
    void anEntrySurvivesSnapshotsThatDidNotChangeItsInputs() {
        ReplicaInfo r1 = new ReplicaInfo("r1", "vol-1", "n1", true);
        ReplicaInfo r2 = new ReplicaInfo("r2", "vol-1", "n2", true);
        assertEquals(Set.of("n1", "n2"), nodes(snapshot(1, volume, r1, r2)));
        assertEquals(Set.of("n1", "n2"), nodes(snapshot(2, volume, r2, r1)));
        assertEquals(1, index.cache().stats().hitCount());
    }

    @Test
    void aNewerSnapshotWithOtherReplicasIsNeverAnsweredFromTheOldEntry() {
        ReplicaInfo r1 = new ReplicaInfo("r1", "vol-1", "n1", true);
        assertEquals(Set.of("n1"), nodes(snapshot(1, volume, r1)));
        ReplicaInfo failed = new ReplicaInfo("r1", "vol-1", "n1", false);
        ReplicaInfo r2 = new ReplicaInfo("r2", "vol-1", "n2", true);
        assertEquals(Set.of("n2"), nodes(snapshot(2, volume, failed, r2)), "no invalidation event was needed");
    }

    @Test
    void anEntryPutByARequestOnAnOlderSnapshotDoesNotLeakIntoANewerOne() {
        VolumeInfo annotated = new VolumeInfo("pv-1", "longhorn", 1, "driver.longhorn.io", "vol-1", null, null,
                Map.of(ReplicaAnnotationLocality.ANNOTATION, "n9"));
        ClusterSnapshot newer = snapshot(2, annotated);
        index.onChange(new SnapshotChange(newer, Set.of("pv-1"), Set.of()));
        assertEquals(Set.of(), nodes(snapshot(1, volume)), "a slow request still reading generation 1");
        assertEquals(Set.of("n9"), nodes(newer));
    }

    @Test
    void eventsInvalidateByVolumeAndByVolumeHandle() {
        ClusterSnapshot cluster = snapshot(1, volume, new ReplicaInfo("r1", "vol-1", "n1", true));
        nodes(cluster);
        assertNotNull(index.cache().getIfPresent("pv-1"));
        index.onChange(new SnapshotChange(cluster, Set.of(), Set.of("vol-1")));
        assertNull(index.cache().getIfPresent("pv-1"), "a replica event drops the PV naming its handle");
        nodes(cluster);
        index.onChange(new SnapshotChange(cluster, Set.of("pv-1"), Set.of()));
        assertNull(index.cache().getIfPresent("pv-1"), "a PV event drops the PV");
        nodes(cluster);
        index.onChange(new SnapshotChange(cluster, Set.of("pv-2"), Set.of("vol-2")));
        assertNotNull(index.cache().getIfPresent("pv-1"), "other volumes' events keep it");
    }

    @Test
    void aSourceReadingTheWholeClusterFallsBackToTheGenerationCheck() {
        LocalitySource nodeCount = new LocalitySource() {
            @Override
            public void describe(VolumeInfo v, ClusterSnapshot cluster, VolumePlacement.Builder placement) {
                placement.zone("zone-" + cluster.nodes().size());
            }

            @Override
            public boolean volumeScoped() {
                return false;
            }
        };
        CaffeineVolumeLocalityIndex wide = new CaffeineVolumeLocalityIndex(List.of(nodeCount), 10);
        ClusterSnapshot first = snapshot(1, volume);
        ClusterSnapshot second = ClusterSnapshot.builder().generation(2).volume(volume)
                .node(new dev.locus.cluster.NodeInfo("n1", Map.of(), Map.of())).build();
        assertEquals(Set.of("zone-0"), wide.placement(volume, first).zones());
        assertEquals(Set.of("zone-1"), wide.placement(volume, second).zones());
    }
}
