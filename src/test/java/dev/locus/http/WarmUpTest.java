package dev.locus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ManifestLoader;
import dev.locus.config.LocusConfig;
import dev.locus.locality.CaffeineVolumeLocalityIndex;
import dev.locus.placement.PlacementEngine;
import dev.locus.placement.PolicyResolver;
import dev.locus.placement.ProximityScore;
import dev.locus.topology.TopologyIndexes;
import org.junit.jupiter.api.Test;

/** The JIT warm-up runs the request path on requests made from the snapshot, and skips a snapshot it cannot use. */
class WarmUpTest {

    private static PlacementEngine engine() {
        LocusConfig config = LocusConfig.builder().build();
        return new PlacementEngine(PlacementEngine.defaultFilters(),
                new CaffeineVolumeLocalityIndex(CaffeineVolumeLocalityIndex.defaultSources(), 1000),
                new PolicyResolver(config.defaultPolicy()), new TopologyIndexes(config.rackLabel(), config.topology()),
                new ProximityScore(config.tiers(), config.degradedPenalty()));
    }

    @Test
    void runsEveryPairOnTheDemoCluster() {
        ClusterSnapshot demo = ManifestLoader.load("demo", WarmUpTest.class.getResourceAsStream("/demo/cluster.yaml"));
        // a request the decoder refused, or a placement that threw, would end the warm-up with an exception
        assertTrue(WarmUp.run(engine(), demo) > 0, "the demo cluster's requests decode and place");
    }

    @Test
    void aClusterWithoutNodesOrBoundClaimsIsNotWarmedOn() {
        assertEquals(0, WarmUp.run(engine(), ClusterSnapshot.empty()));
    }
}
