package dev.locus.load;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Turns measured points into "for P pods/s at N nodes: X cores, Y replicas, expected p99".
 *
 * <p>Model, stated in docs/capacity-planning.md:
 * <ul>
 *   <li>a pod costs Locus {@code cpuMillisPerPod} (one filter + one prioritize): the highest measured
 *       at that N and mode, i.e. the lowest throughput per core. CPU per pod is usually highest at
 *       concurrency 1, where per-request overheads are not shared, so the table errs towards cores;</li>
 *   <li>cores = P × cpuMillisPerPod / 1000 / targetUtilisation, so each replica keeps CPU headroom;</li>
 *   <li>replicas = max(minReplicas, ⌈cores / coresPerReplica⌉): two at least, for availability;</li>
 *   <li>expected p99 = the pod-cycle p99 measured at concurrency 1, what one kube-scheduler (whose
 *       scheduling cycle is serial) sees from a replica that is not saturated;</li>
 *   <li>one scheduler cannot exceed 1000 / cycle mean (ms) pods/s however many replicas serve it.</li>
 * </ul>
 */
public final class SizingTable {

    /** One row of the table. */
    public record Row(int nodes, String mode, double podsPerSecond, double cores, int replicas, double expectedP99Ms,
                      double singleSchedulerMaxPodsPerSecond, double cpuMillisPerPod) {

        /** True when one kube-scheduler's serial cycle cannot reach {@code podsPerSecond} against Locus alone. */
        public boolean beyondOneScheduler() {
            return podsPerSecond > singleSchedulerMaxPodsPerSecond;
        }
    }

    /**
     * Assumptions of the model.
     *
     * @param targetUtilisation CPU share a replica may use at the target rate, 0.05..1; 0.5 leaves room for
     *                          bursts, GC and a lost replica
     * @param coresPerReplica   cores one replica is given, 0.25..64
     * @param minReplicas       fewest replicas, 1..100; 2 so one can fail or roll
     */
    public record Assumptions(double targetUtilisation, double coresPerReplica, int minReplicas) {

        /** Validates every field. */
        public Assumptions {
            if (!(targetUtilisation >= 0.05 && targetUtilisation <= 1)) {
                throw new IllegalArgumentException("--target-utilisation must be in 0.05..1, got " + targetUtilisation);
            }
            if (!(coresPerReplica >= 0.25 && coresPerReplica <= 64)) {
                throw new IllegalArgumentException("--cores-per-replica must be in 0.25..64, got " + coresPerReplica);
            }
            if (minReplicas < 1 || minReplicas > 100) {
                throw new IllegalArgumentException("--min-replicas must be in 1..100, got " + minReplicas);
            }
        }

        /** 50 % target CPU, 1 core per replica, 2 replicas at least. */
        public static Assumptions defaults() {
            return new Assumptions(0.5, 1, 2);
        }
    }

    private SizingTable() {
    }

    /** Rows for every target rate × every (nodes, mode) that has measurements, in nodes, mode, rate order. */
    public static List<Row> rows(List<RunResult> runs, List<Double> targetPodsPerSecond, Assumptions assumptions) {
        List<Row> rows = new ArrayList<>();
        runs.stream().map(r -> new Key(r.nodes(), r.mode())).distinct()
                .sorted(Comparator.comparingInt(Key::nodes).thenComparing(Key::mode))
                .forEach(key -> {
                    List<RunResult> group = runs.stream().filter(r -> r.nodes() == key.nodes && r.mode().equals(key.mode))
                            .toList();
                    Optional<RunResult> costliest = group.stream()
                            .filter(r -> r.pods() > 0 && Double.isFinite(r.cpuMillisPerPod()))
                            .max(Comparator.comparingDouble(RunResult::cpuMillisPerPod));
                    RunResult serial = group.stream().min(Comparator.comparingInt(RunResult::concurrency)).orElseThrow();
                    if (costliest.isEmpty() || serial.pods() == 0) {
                        return;
                    }
                    for (double rate : targetPodsPerSecond) {
                        rows.add(row(key, rate, costliest.get().cpuMillisPerPod(), serial, assumptions));
                    }
                });
        return rows;
    }

    static Row row(Key key, double rate, double cpuMillisPerPod, RunResult serial, Assumptions a) {
        double cores = rate * cpuMillisPerPod / 1000 / a.targetUtilisation();
        int replicas = Math.max(a.minReplicas(), (int) Math.ceil(cores / a.coresPerReplica() - 1e-9));
        double ceiling = serial.cycle().meanMs() > 0 ? 1000 / serial.cycle().meanMs() : Double.POSITIVE_INFINITY;
        return new Row(key.nodes, key.mode, rate, LoadRunner.round(cores, 2), replicas, serial.cycle().p99Ms(),
                LoadRunner.round(ceiling, 1), cpuMillisPerPod);
    }

    /** A cluster size and node mode. */
    record Key(int nodes, String mode) {
    }
}
