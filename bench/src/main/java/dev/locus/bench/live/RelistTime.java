package dev.locus.bench.live;

import dev.locus.bench.cluster.SyntheticApiObjects;
import dev.locus.cluster.SnapshotChange;
import dev.locus.cluster.live.ClusterMirror;
import io.fabric8.kubernetes.api.model.HasMetadata;
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
 * java -Xmx6g -XX:+UseG1GC -cp bench/target/benchmarks.jar dev.locus.bench.live.RelistTime [nodes volumes replicas rounds]
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
        SyntheticApiObjects cluster = SyntheticApiObjects.longhorn(nodes, volumes, replicas);
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
            StepClock listClock = new StepClock();
            list.listAll();
            listClock.stop();
            StepClock rebuildClock = new StepClock();
            SnapshotChange change = mirror.rebuild(round + 1L);
            rebuildClock.stop();
            StepClock placeClock = new StepClock();
            long placed = placeAll(change);
            placeClock.stop();
            StepClock fabric8Clock = new StepClock();
            int found = skipListAlone(keys);
            fabric8Clock.stop();
            System.out.printf(Locale.ROOT, "round %d: list path %s (fabric8's key skip-list alone %s), rebuild %s,"
                            + " placement %s; relist total %s; [%d %d]%n", round, listClock, fabric8Clock, rebuildClock,
                    placeClock, new StepClock.Sum().add(listClock).add(rebuildClock).add(placeClock), placed, found);
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
        return RelistBenchmark.placeAll(new SnapshotChange(change.snapshot(), names, change.storageVolumes()));
    }
}
