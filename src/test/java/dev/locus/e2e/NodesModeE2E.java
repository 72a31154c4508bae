package dev.locus.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.DistributionSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The scenarios with full Node objects on the wire ({@code nodeCacheCapable: false}). */
class NodesModeE2E extends PlacementScenarios {

    /** An annotation this long on each of the 30 nodes makes the scheduler's filter bodies pass 1 MiB. */
    static final int PADDING = 48 * 1024;

    @Override
    String schedulerFile() {
        return "http-nodes.yaml";
    }

    /**
     * Real nodes weigh 3-20 KB; the shared ones are small. Padded, the scheduler's bodies pass
     * 1 MiB, so Locus reads them while they arrive, without the parser for the Node objects
     * (docs/benchmarks.md, "The fourth pass"): the pods land as with small bodies, and
     * {@code cleanUp()} checks that the scheduler could use every reply (echoed Node objects
     * it cannot read would be skipped under {@code ignorable: true}, unseen by the placements).
     */
    @Test
    void largeNodeObjectsAreReadAsTheyArrive(TestInfo test) {
        String padding = "x".repeat(PADDING);
        Cluster.nodeNames().forEach(n -> Cluster.annotateNode(plane().client(), n, "e2e.locus.dev/padding", padding));
        try {
            strictPodsAvoidAReplicaWhoseStorageIsDown(test);
            DistributionSummary filterBodies = plane().locus().locus().metrics().registry().find("locus.request")
                    .tag("verb", "filter").summary();
            double largest = filterBodies == null ? 0 : filterBodies.max();
            assertTrue(largest >= 1 << 20, "largest filter body " + largest + " bytes, expected 1 MiB or more");
        } finally {
            Cluster.nodeNames().forEach(n -> Cluster.annotateNode(plane().client(), n, "e2e.locus.dev/padding", null));
        }
    }
}
