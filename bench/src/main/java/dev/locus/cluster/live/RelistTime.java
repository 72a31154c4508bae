package dev.locus.cluster.live;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.SnapshotChange;
import dev.locus.cluster.VolumeInfo;
import dev.locus.locality.CaffeineVolumeLocalityIndex;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The steps of {@link RelistBenchmark#relist} timed apart, in CPU time of the working thread
 * as well as wall time: on a shared machine the wall time says more about the neighbours than
 * about the code, while the thread's CPU time barely moves with load (GC threads excluded).
 *
 * <pre>
 * java -Xmx6g -XX:+UseG1GC -cp bench/target/benchmarks.jar dev.locus.cluster.live.RelistTime [nodes volumes replicas rounds]
 * </pre>
 * Steps: the informer list path through fabric8's cache classes ({@link InformerListPath}), of
 * which fabric8's own bookkeeping (the skip-list of listed keys, filled and then probed once per
 * held object) is also timed alone; the snapshot rebuild; the placement of every volume in a new
 * index.
 */
public final class RelistTime {

    private RelistTime() {
    }

    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int volumes = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int replicas = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        SyntheticCluster cluster = new SyntheticCluster(nodes, volumes, replicas, true);
        List<HasMetadata> objects = new ArrayList<>((int) cluster.objectCount());
        cluster.forEach(objects::add);
        ClusterMirror mirror = new ClusterMirror();
        InformerListPath list = new InformerListPath(mirror, objects);
        list.listAll();
        mirror.rebuild(1);
        List<String> keys = new ArrayList<>(objects.size());
        objects.forEach(o -> keys.add(o.getMetadata().getNamespace() == null ? o.getMetadata().getName()
                : o.getMetadata().getNamespace() + "/" + o.getMetadata().getName()));
        System.out.printf(Locale.ROOT, "%d objects; wall / CPU ms per step%n", objects.size());
        for (int round = 1; round <= rounds; round++) {
            Clock listClock = new Clock();
            list.listAll();
            listClock.stop();
            Clock rebuildClock = new Clock();
            SnapshotChange change = mirror.rebuild(round + 1L);
            rebuildClock.stop();
            Clock placeClock = new Clock();
            long placed = placeAll(change);
            placeClock.stop();
            Clock fabric8Clock = new Clock();
            int found = skipListAlone(keys);
            fabric8Clock.stop();
            System.out.printf(Locale.ROOT, "round %d: list path %s (fabric8's key skip-list alone %s), rebuild %s,"
                            + " placement %s; relist total %s; [%d %d]%n", round, listClock, fabric8Clock, rebuildClock,
                    placeClock, Clock.sum(listClock, rebuildClock, placeClock), placed, found);
        }
    }

    /** What Reflector and ProcessorStore.syncList do with the listed keys, without the stores. */
    private static int skipListAlone(List<String> keys) {
        Set<String> listed = new java.util.concurrent.ConcurrentSkipListSet<>();
        keys.forEach(listed::add);
        int found = 0;
        for (String key : keys) {
            found += listed.contains(key) ? 1 : 0;
        }
        return found;
    }

    private static long placeAll(SnapshotChange change) {
        Set<String> names = new HashSet<>();
        change.snapshot().volumes().forEach(v -> names.add(v.name()));
        change = new SnapshotChange(change.snapshot(), names, change.storageVolumes());
        CaffeineVolumeLocalityIndex index = new CaffeineVolumeLocalityIndex(
                CaffeineVolumeLocalityIndex.defaultSources(), 200_000);
        index.onChange(change);
        ClusterSnapshot snapshot = change.snapshot();
        long placed = 0;
        for (VolumeInfo volume : snapshot.volumes()) {
            placed += index.placement(volume, snapshot).replicaNodes().size();
        }
        return placed;
    }

    /** Wall and current-thread CPU time of one step. */
    private static final class Clock {
        private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private final long wall = System.nanoTime();
        private final long cpu = THREADS.getCurrentThreadCpuTime();
        private long wallNanos;
        private long cpuNanos;

        void stop() {
            wallNanos = System.nanoTime() - wall;
            cpuNanos = THREADS.getCurrentThreadCpuTime() - cpu;
        }

        static String sum(Clock... clocks) {
            long w = 0;
            long c = 0;
            for (Clock clock : clocks) {
                w += clock.wallNanos;
                c += clock.cpuNanos;
            }
            return format(w, c);
        }

        @Override
        public String toString() {
            return format(wallNanos, cpuNanos);
        }

        private static String format(long wallNanos, long cpuNanos) {
            return String.format(Locale.ROOT, "%d / %d", wallNanos / 1_000_000, cpuNanos / 1_000_000);
        }
    }
}
