package dev.locus.locality;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ReplicaInfo;
import dev.locus.cluster.VolumeInfo;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LonghornReplicaLocalityTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            // case,                         driver,             replica volume, node, healthy, expected node
            "healthy replica counts,         driver.longhorn.io, vol-1,          n1,   true,    n1",
            "failed replica does not count,  driver.longhorn.io, vol-1,          n1,   false,   -",
            "unscheduled replica,            driver.longhorn.io, vol-1,          -,    true,    -",
            "replica of another volume,      driver.longhorn.io, vol-2,          n1,   true,    -",
            "volume of another driver,       other.csi.io,       vol-1,          n1,   true,    -",
    })
    void healthyReplicasOfTheVolumeHandlePlaceTheData(String name, String driver, String replicaVolume, String node,
                                                      boolean healthy, String expected) {
        VolumeInfo volume = new VolumeInfo("pv-1", "longhorn", 1, driver, "vol-1", null, null, Map.of());
        ClusterSnapshot cluster = ClusterSnapshot.builder().volume(volume)
                .replica(new ReplicaInfo("r1", replicaVolume, node, healthy)).build();
        VolumePlacement.Builder placement = new VolumePlacement.Builder();
        new LonghornReplicaLocality().describe(volume, cluster, placement);
        assertEquals(expected == null ? Set.of() : Set.of(expected), placement.build().replicaNodes());
    }
}
