package dev.locus.bench.live;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.bench.cluster.SyntheticApiObjects;
import dev.locus.cluster.SnapshotChange;
import dev.locus.cluster.live.ClusterMirror;
import dev.locus.locality.CaffeineVolumeLocalityIndex;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Heap that live mode keeps for a large Longhorn cluster: the informers' record stores, the
 * published snapshot and a fully warm locality index, measured with {@code MemoryMXBean}
 * after full collections, plus the wall and CPU time of each step of a first list (cold JVM)
 * and of warm repetitions of the snapshot rebuild and of placing every volume.
 *
 * <pre>
 * java -Xmx2g -XX:+UseG1GC -cp bench/target/benchmarks.jar dev.locus.bench.live.LiveFootprint [nodes volumes replicas]
 * </pre>
 * Defaults: 5000 nodes, 100,000 volumes, 3 replicas each. Objects reach the stores through the
 * same {@link ClusterMirror#put} an informer's cache calls, after a JSON round trip, and are
 * dropped right after, as an informer drops them.
 */
public final class LiveFootprint {

    /** The index bound Locus runs with (Locus.LOCALITY_CACHE_SIZE). */
    private static final long INDEX_SIZE = 200_000;

    private LiveFootprint() {
    }

    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int volumes = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int replicas = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        SyntheticApiObjects cluster = SyntheticApiObjects.longhorn(nodes, volumes, replicas);
        System.out.printf(Locale.ROOT, "cluster: %d nodes, %d PVs + PVCs, %d replicas each: %d objects; JDK %s, max heap %d MB%n",
                nodes, volumes, replicas, cluster.objectCount(), Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);

        long baseline = heapAfterGc();
        ClusterMirror mirror = new ClusterMirror();
        StepClock list = new StepClock();
        StepClock.Sum put = new StepClock.Sum();
        List<HasMetadata> page = new ArrayList<>(PAGE);
        cluster.forEach(object -> {
            page.add(object);
            if (page.size() == PAGE) {
                putPage(mirror, page, put);
            }
        });
        putPage(mirror, page, put);
        list.stop();
        long stores = heapAfterGc() - baseline;

        StepClock rebuild = new StepClock();
        SnapshotChange change = mirror.rebuild(1);
        rebuild.stop();
        ClusterSnapshot snapshot = change.snapshot();
        long withSnapshot = heapAfterGc() - baseline;

        CaffeineVolumeLocalityIndex index = new CaffeineVolumeLocalityIndex(
                CaffeineVolumeLocalityIndex.defaultSources(), INDEX_SIZE);
        StepClock place = new StepClock();
        long placedReplicas = RelistBenchmark.placeAll(index, change);
        place.stop();
        change = null;
        long total = heapAfterGc() - baseline;

        System.out.printf(Locale.ROOT, "objects held: %d; replica nodes placed: %d (%.2f per volume)%n",
                mirror.size(), placedReplicas, placedReplicas / (double) volumes);
        System.out.printf(Locale.ROOT, "retained heap: stores %d MB, + snapshot %d MB, + index %d MB = %d MB%n",
                stores >> 20, (withSnapshot - stores) >> 20, (total - withSnapshot) >> 20, total >> 20);
        System.out.println("times, wall / CPU of this thread (the CPU figure leaves out other processes' load and GC threads):");
        System.out.println("  cold (first time in this JVM):");
        System.out.println("    generate + JSON round trip + put, all    " + list);
        System.out.println("    of which put into the stores (informer) " + put);
        System.out.println("    snapshot rebuild                         " + rebuild);
        System.out.println("    placement of every volume                " + place);
        for (int round = 2; round <= WARM_ROUNDS + 1; round++) {
            StepClock warmRebuild = new StepClock();
            SnapshotChange again = mirror.rebuild(round);
            warmRebuild.stop();
            StepClock warmPlace = new StepClock();
            RelistBenchmark.placeAll(new CaffeineVolumeLocalityIndex(CaffeineVolumeLocalityIndex.defaultSources(), INDEX_SIZE), again);
            warmPlace.stop();
            System.out.println("  warm round " + round + ": snapshot rebuild " + warmRebuild + ", placement of every volume "
                    + warmPlace);
        }
        Reference.reachabilityFence(mirror);
        Reference.reachabilityFence(snapshot);
        Reference.reachabilityFence(index);
    }

    /** Objects generated before they are put, as a list page is deserialized before the store sees it. */
    private static final int PAGE = 500;

    private static void putPage(ClusterMirror mirror, List<HasMetadata> page, StepClock.Sum put) {
        StepClock clock = new StepClock();
        page.forEach(mirror::put);
        clock.stop();
        put.add(clock);
        page.clear();
    }

    /** Warm repetitions of rebuild + placement after the measured state. */
    private static final int WARM_ROUNDS = 5;

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
