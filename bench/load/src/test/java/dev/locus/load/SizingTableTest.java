package dev.locus.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SizingTableTest {

    /** A point with the given concurrency, pods/s, CPU ms per pod and cycle mean/p99. */
    static RunResult run(int nodes, int concurrency, double podsPerSecond, double cpuMsPerPod, double meanMs, double p99Ms) {
        LatencyStats cycle = new LatencyStats(100, meanMs, meanMs, meanMs, p99Ms, p99Ms);
        return new RunResult(nodes, "names", concurrency, 10, 2000, 1000, Map.of(), 0, podsPerSecond * 2, podsPerSecond,
                cycle, cycle, cycle, 1e6, 1e6, 1000, cpuMsPerPod * 1000 / 1000, cpuMsPerPod / 2, cpuMsPerPod, 1 << 20, 1,
                "duration");
    }

    @ParameterizedTest(name = "{0} pods/s at {1} ms CPU/pod -> {2} cores, {3} replicas")
    @CsvSource({
        // rate, cpu ms/pod, cores, replicas  (utilisation 0.5, 1 core per replica, min 2)
        "10,    2,   0.04, 2",
        "100,   2,   0.4,  2",
        "500,   2,   2,    2",
        "1000,  2,   4,    4",
        "1000,  2.5, 5,    5",
        "300,   10,  6,    6",
    })
    void coresAndReplicasFollowCpuPerPodWithHeadroom(double rate, double cpuMsPerPod, double cores, int replicas) {
        SizingTable.Row row = SizingTable.row(new SizingTable.Key(1000, "names"), rate, cpuMsPerPod,
                run(1000, 1, 50, cpuMsPerPod, 4, 9), SizingTable.Assumptions.defaults());
        assertEquals(cores, row.cores(), 1e-9);
        assertEquals(replicas, row.replicas());
        assertEquals(9, row.expectedP99Ms());
        assertEquals(250, row.singleSchedulerMaxPodsPerSecond());
    }

    @Test
    void usesTheCostliestPointForCpuAndTheSerialPointForLatency() {
        List<RunResult> runs = List.of(run(100, 2, 150, 2, 3, 9), run(100, 1, 50, 1.5, 2, 5), run(100, 4, 400, 1.2, 8, 30),
                run(100, 8, 300, Double.NaN, 9, 40));

        List<SizingTable.Row> rows = SizingTable.rows(runs, List.of(100.0, 1000.0), SizingTable.Assumptions.defaults());

        assertEquals(2, rows.size());
        assertEquals(2, rows.get(0).cpuMillisPerPod(), "the lowest throughput per core; unknown CPU is ignored");
        assertEquals(5, rows.get(0).expectedP99Ms());
        assertEquals(500, rows.get(0).singleSchedulerMaxPodsPerSecond());
        assertFalse(rows.get(0).beyondOneScheduler());
        assertTrue(rows.get(1).beyondOneScheduler(), "1000 pods/s > 1000 / 2 ms for one scheduler");
        assertEquals(4, rows.get(1).cores(), 1e-9);
    }

    @Test
    void assumptionsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new SizingTable.Assumptions(0, 1, 2));
        assertThrows(IllegalArgumentException.class, () -> new SizingTable.Assumptions(0.5, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new SizingTable.Assumptions(0.5, 1, 0));
    }
}
