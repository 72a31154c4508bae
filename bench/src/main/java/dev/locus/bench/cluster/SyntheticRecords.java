package dev.locus.bench.cluster;

import dev.locus.api.NodeMode;
import dev.locus.api.PodInfo;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ManifestLoader;
import dev.locus.cluster.NodeInfo;
import dev.locus.load.ClusterSpec;
import dev.locus.load.ExtenderRequests;
import dev.locus.load.ManifestWriter;
import dev.locus.load.SyntheticCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The records renderer of the one synthetic cluster (the load tool's {@link SyntheticCluster}):
 * the snapshot Locus builds from the manifests the load tool writes for it, read back with
 * Locus's own {@link ManifestLoader}, so a benchmark's snapshot is exactly the one a load-tool
 * run serves; the first pod as Locus decodes it; and its request bodies, byte for byte as the
 * load tool sends them ({@link ExtenderRequests}).
 *
 * <p>Design: going through the YAML costs a second or two of setup at 5000 nodes but keeps one
 * conversion (Locus's) instead of a second, hand-written one that could drift from it.
 */
public final class SyntheticRecords {

    /** The generated cluster. */
    public final SyntheticCluster cluster;
    /** What Locus makes of its manifests. */
    public final ClusterSnapshot snapshot;
    /** The first pod, with the claims it mounts. */
    public final PodInfo pod;

    public SyntheticRecords(SyntheticCluster cluster) {
        this.cluster = cluster;
        this.snapshot = load(cluster);
        SyntheticCluster.Pod first = cluster.pods().get(0);
        this.pod = new PodInfo(SyntheticCluster.NAMESPACE, first.name(), Map.of(), first.claims());
    }

    /**
     * The benchmarks' cluster of {@code nodes}: the load tool's defaults ({@link ClusterSpec#defaults}:
     * 3 zones, 20 nodes per rack, 2 volumes per node, 3 replicas, seed 42), with one pod mounting
     * {@code claims} claims and no node-local volume, so every volume takes the replicated path
     * and every node passes the filters.
     */
    public static SyntheticRecords of(int nodes, int claims) {
        return new SyntheticRecords(SyntheticCluster.generate(ClusterSpec.forNodes(nodes, 3, 20, 2, 3, claims, 1, 0, 42)));
    }

    /** The nodes, in the generator's (name) order. */
    public List<NodeInfo> nodes() {
        return cluster.nodes().stream().map(n -> snapshot.node(n.name())).toList();
    }

    /** The first pod's /filter body in {@code mode}: every node offered, in the load tool's shuffled order. */
    public byte[] requestBody(NodeMode mode) {
        dev.locus.load.NodeMode wire = mode == NodeMode.NODES ? dev.locus.load.NodeMode.NODES : dev.locus.load.NodeMode.NAMES;
        return ExtenderRequests.build(cluster, wire).filter(0).bytes();
    }

    private static ClusterSnapshot load(SyntheticCluster cluster) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("locus-bench-manifests");
            ManifestWriter.write(cluster, dir);
            return ManifestLoader.load(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the synthetic manifests", e);
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }
}
