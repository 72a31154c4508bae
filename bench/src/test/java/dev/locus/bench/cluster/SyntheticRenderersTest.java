package dev.locus.bench.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.api.ExtenderArgs;
import dev.locus.api.ExtenderArgsDecoder;
import dev.locus.api.NodeMode;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeInfo;
import dev.locus.cluster.VolumeInfo;
import dev.locus.cluster.live.ClusterMirror;
import dev.locus.load.ClusterSpec;
import dev.locus.load.SyntheticCluster;
import dev.locus.locality.CaffeineVolumeLocalityIndex;
import dev.locus.locality.HostnameIndex;
import dev.locus.locality.VolumePlacement;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The renderers describe one cluster: the records (Locus's reading of the load tool's
 * manifests) and the fabric8 objects (through a live-mode mirror) give the same nodes with the
 * same topology labels, the same volumes bound to the same claims, and every volume's data on
 * the same nodes as the generator drew; the request bodies decode to the generated pod.
 */
class SyntheticRenderersTest {

    /** Small, with node-local volumes too, so both volume kinds are rendered. */
    private static final SyntheticCluster CLUSTER = SyntheticCluster.generate(
            new ClusterSpec(40, 3, 5, 60, 3, 2, 10, 0.2, 7));

    private final ClusterSnapshot records = new SyntheticRecords(CLUSTER).snapshot;
    private final ClusterSnapshot objects = fabric8Snapshot();

    private static ClusterSnapshot fabric8Snapshot() {
        ClusterMirror mirror = new ClusterMirror();
        SyntheticApiObjects rendered = new SyntheticApiObjects(CLUSTER);
        long[] accepted = {0};
        rendered.forEach(object -> accepted[0] += mirror.put(object) ? 1 : 0);
        assertEquals(rendered.objectCount(), accepted[0], "every rendered object is of a watched kind");
        return mirror.rebuild(1).snapshot();
    }

    @Test
    void nodesCarryTheGeneratedTopologyInBothRenderings() {
        for (ClusterSnapshot snapshot : new ClusterSnapshot[] {records, objects}) {
            assertEquals(CLUSTER.nodes().size(), snapshot.nodes().size());
            for (SyntheticCluster.Node node : CLUSTER.nodes()) {
                NodeInfo info = snapshot.node(node.name());
                assertEquals(node.zone(), info.labels().get("topology.kubernetes.io/zone"), node.name());
                assertEquals(node.rack(), info.labels().get("topology.locus.dev/rack"), node.name());
                assertEquals(SyntheticCluster.REGION, info.labels().get("topology.kubernetes.io/region"), node.name());
            }
        }
    }

    @Test
    void everyVolumeIsOnItsGeneratedNodesInBothRenderings() {
        Map<String, Set<String>> expected = new TreeMap<>();
        CLUSTER.volumes().forEach(v -> expected.put(v.name(), Set.copyOf(v.nodes())));
        assertTrue(CLUSTER.volumes().stream().anyMatch(SyntheticCluster.Volume::local), "the spec has local volumes");
        assertEquals(expected, placements(records));
        assertEquals(expected, placements(objects));
    }

    @Test
    void claimsAreBoundToTheGeneratedVolumesInBothRenderings() {
        for (ClusterSnapshot snapshot : new ClusterSnapshot[] {records, objects}) {
            assertEquals(CLUSTER.volumes().size(), snapshot.claims().size());
            for (SyntheticCluster.Volume volume : CLUSTER.volumes()) {
                VolumeInfo info = snapshot.volume(volume.name());
                assertEquals(volume.claim(), info.claim().name(), volume.name());
                assertEquals((long) volume.sizeGi() << 30, info.capacityBytes(), volume.name());
            }
        }
    }

    @Test
    void requestBodiesDecodeToTheFirstPodAndEveryNode() {
        SyntheticRecords rendered = new SyntheticRecords(CLUSTER);
        for (NodeMode mode : NodeMode.values()) {
            ExtenderArgs args = ExtenderArgsDecoder.decode(rendered.requestBody(mode));
            assertEquals(CLUSTER.pods().get(0).claims(), args.pod().claimNames(), mode.name());
            assertEquals(rendered.pod.claimNames(), args.pod().claimNames(), mode.name());
            assertEquals(CLUSTER.nodes().size(), args.nodes().size(), mode.name());
        }
    }

    private static Map<String, Set<String>> placements(ClusterSnapshot snapshot) {
        CaffeineVolumeLocalityIndex index = new CaffeineVolumeLocalityIndex(
                CaffeineVolumeLocalityIndex.defaultSources(), 1000);
        Map<String, Set<String>> placements = new TreeMap<>();
        HostnameIndex hostnames = HostnameIndex.of(snapshot);
        for (VolumeInfo volume : snapshot.volumes()) {
            VolumePlacement placement = hostnames.byName(index.placement(volume, snapshot));
            placements.put(volume.name(), new HashSet<>(placement.replicaNodes()));
        }
        return placements;
    }
}
