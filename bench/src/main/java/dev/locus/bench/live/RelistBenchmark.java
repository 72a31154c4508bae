package dev.locus.bench.live;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.bench.cluster.SyntheticApiObjects;
import dev.locus.cluster.SnapshotChange;
import dev.locus.cluster.live.ClusterMirror;
import dev.locus.cluster.VolumeInfo;
import dev.locus.locality.CaffeineVolumeLocalityIndex;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time for live mode to absorb a full list of a large Longhorn cluster, from objects fabric8
 * has already read (the network and JSON parsing are fabric8's and the API server's share).
 * Objects go through fabric8's own informer cache classes ({@link InformerListPath}): list
 * pages, the resourceVersion comparison, and the check of every held object against the list.
 * <ul>
 *   <li>{@code firstList}: every object into empty stores, one snapshot, every volume's placement</li>
 *   <li>{@code relist}: the same objects again into full stores (a relist after a lost watch
 *       that missed nothing: same resourceVersions, so no conversion), then, as a worst case,
 *       one snapshot and every volume's placement recomputed as if every volume had changed:
 *       the index rebuilt in full</li>
 *   <li>{@code rebuildSnapshot}: one coalesced publish from full stores, the steady-state cost</li>
 * </ul>
 * <pre>
 * java -jar bench/target/benchmarks.jar RelistBenchmark -f 1 -wi 2 -i 5 -jvmArgs "-Xmx6g"
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "-XX:+UseG1GC"})
@Warmup(iterations = 2)
@Measurement(iterations = 5)
public class RelistBenchmark {

    @Param("5000")
    public int nodes;
    @Param("100000")
    public int volumes;
    @Param("3")
    public int replicas;

    private List<HasMetadata> objects;
    private ClusterMirror full;
    private InformerListPath fullList;
    private long generation;

    @Setup(Level.Trial)
    public void generate() {
        SyntheticApiObjects cluster = SyntheticApiObjects.longhorn(nodes, volumes, replicas);
        objects = new ArrayList<>((int) cluster.objectCount());
        cluster.forEach(objects::add);
        full = new ClusterMirror();
        fullList = new InformerListPath(full, objects);
        fullList.listAll();
        generation = full.rebuild(1).snapshot().generation();
    }

    @Benchmark
    public long firstList() {
        ClusterMirror mirror = new ClusterMirror();
        new InformerListPath(mirror, objects).listAll();
        return placeAll(mirror.rebuild(1));
    }

    @Benchmark
    public long relist() {
        fullList.listAll();
        SnapshotChange change = full.rebuild(++generation);
        change = new SnapshotChange(change.snapshot(), allVolumes(change.snapshot()), change.storageVolumes());
        return placeAll(change);
    }

    @Benchmark
    public ClusterSnapshot rebuildSnapshot() {
        return full.rebuild(++generation).snapshot();
    }

    /** A relist of unchanged objects reports no change; count it as the worst case, every volume invalid. */
    private static java.util.Set<String> allVolumes(ClusterSnapshot snapshot) {
        java.util.Set<String> names = new java.util.HashSet<>();
        snapshot.volumes().forEach(v -> names.add(v.name()));
        return names;
    }

    /** Every volume's placement in a new index, as after a change naming all of them. */
    static long placeAll(SnapshotChange change) {
        return placeAll(new CaffeineVolumeLocalityIndex(CaffeineVolumeLocalityIndex.defaultSources(), 200_000), change);
    }

    /** Every volume's placement in {@code index} after {@code change}; the replicas found (names and hostnames). */
    static long placeAll(CaffeineVolumeLocalityIndex index, SnapshotChange change) {
        index.onChange(change);
        ClusterSnapshot snapshot = change.snapshot();
        long placed = 0;
        for (VolumeInfo volume : snapshot.volumes()) {
            var placement = index.placement(volume, snapshot);
            placed += placement.replicaNodes().size() + placement.replicaHostnames().size();
        }
        return placed;
    }
}
