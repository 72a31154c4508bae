package dev.locus.cluster.live;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.SnapshotChange;
import dev.locus.cluster.VolumeInfo;
import dev.locus.locality.CaffeineVolumeLocalityIndex;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.Locale;

/**
 * Heap that live mode keeps for a large Longhorn cluster: the informers' record stores, the
 * published snapshot and a fully warm locality index, measured with {@code MemoryMXBean}
 * after full collections, plus the wall time of each step of a first list.
 *
 * <pre>
 * java -Xmx2g -XX:+UseG1GC -cp bench/target/benchmarks.jar dev.locus.cluster.live.LiveFootprint [nodes volumes replicas]
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
        SyntheticCluster cluster = new SyntheticCluster(nodes, volumes, replicas, true);
        System.out.printf(Locale.ROOT, "cluster: %d nodes, %d PVs + PVCs, %d replicas each: %d objects; JDK %s, max heap %d MB%n",
                nodes, volumes, replicas, cluster.objectCount(), Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);

        long baseline = heapAfterGc();
        ClusterMirror mirror = new ClusterMirror();
        long start = System.nanoTime();
        cluster.forEach(mirror::put);
        long listed = System.nanoTime();
        long stores = heapAfterGc() - baseline;

        long rebuildStart = System.nanoTime();
        SnapshotChange change = mirror.rebuild(1);
        long rebuilt = System.nanoTime();
        ClusterSnapshot snapshot = change.snapshot();
        long withSnapshot = heapAfterGc() - baseline;

        CaffeineVolumeLocalityIndex index = new CaffeineVolumeLocalityIndex(
                CaffeineVolumeLocalityIndex.defaultSources(), INDEX_SIZE);
        index.onChange(change);
        long indexStart = System.nanoTime();
        long placedReplicas = 0;
        for (VolumeInfo volume : snapshot.volumes()) {
            placedReplicas += index.placement(volume, snapshot).replicaNodes().size();
        }
        long indexed = System.nanoTime();
        change = null;
        long total = heapAfterGc() - baseline;

        System.out.printf(Locale.ROOT, "objects held: %d; replica nodes placed: %d (%.2f per volume)%n",
                mirror.size(), placedReplicas, placedReplicas / (double) volumes);
        System.out.printf(Locale.ROOT, "list into stores (incl. JSON round trip): %6d ms%n", ms(listed - start));
        System.out.printf(Locale.ROOT, "snapshot rebuild:                          %6d ms%n", ms(rebuilt - rebuildStart));
        System.out.printf(Locale.ROOT, "index warm-up, every volume:               %6d ms%n", ms(indexed - indexStart));
        System.out.printf(Locale.ROOT, "retained heap: stores %d MB, + snapshot %d MB, + index %d MB = %d MB%n",
                stores >> 20, (withSnapshot - stores) >> 20, (total - withSnapshot) >> 20, total >> 20);
        Reference.reachabilityFence(mirror);
        Reference.reachabilityFence(snapshot);
        Reference.reachabilityFence(index);
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
