package dev.locus.bench.topology;

import dev.locus.bench.cluster.SyntheticRecords;
import dev.locus.cluster.NodeInfo;
import dev.locus.cluster.NodeSelector;
import dev.locus.config.TopologySpec;
import dev.locus.locality.VolumePlacement;
import dev.locus.topology.TopologyIndex;
import dev.locus.topology.TopologyIndexes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of one tier array that is not cached (a volume whose replicas just moved, or one
 * evicted): every node's tier for a placement of 3 replicas, on the synthetic cluster's
 * topology given as node labels (a tree: {@code TreeDistances}) or as the same tree written
 * as a weighted file (multi-source Dijkstra: {@code ShortestPaths}). Each call uses a
 * placement not seen before, so the cache never answers. Also the cost of each warm-up after
 * a snapshot and of a request's cache miss.
 * Run: {@code java -jar bench/target/benchmarks.jar TierArrayBenchmark -f 1 -wi 5 -i 5 -w 1s -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TierArrayBenchmark {

    @Param({"100", "1000", "5000"})
    public int nodes;

    @Param({"labels", "weighted"})
    public String topology;

    private TopologyIndex index;
    private List<NodeInfo> cluster;
    private final SplittableRandom random = new SplittableRandom(42);
    private long next;

    @Setup
    public void setUp() {
        SyntheticRecords synthetic = SyntheticRecords.of(nodes, 1);
        cluster = synthetic.nodes();
        TopologySpec spec = topology.equals("labels") ? null : treeAsLinks(cluster);
        index = new TopologyIndexes("topology.locus.dev/rack", spec).of(synthetic.snapshot);
    }

    @Benchmark
    public byte[] uncachedTierArray() {
        Set<String> replicas = new HashSet<>();
        while (replicas.size() < 3) {
            replicas.add(cluster.get(random.nextInt(nodes)).name());
        }
        replicas.add("retired-node-" + next++); // a replica on a node gone from the cluster: a new key, same tiers
        return index.tiers(new VolumePlacement(replicas, Set.of(), Set.of()));
    }

    /** The label tree as links with the label tree's costs: node-rack 1, rack-zone 1, zone-region 1, region-world 1. */
    private static TopologySpec treeAsLinks(List<NodeInfo> nodes) {
        List<TopologySpec.Link> links = new ArrayList<>();
        Set<String> switches = new HashSet<>();
        for (NodeInfo node : nodes) {
            String region = node.labels().get(NodeSelector.REGION);
            String zone = region + "/" + node.labels().get(NodeSelector.ZONE);
            String rack = zone + "/" + node.labels().get("topology.locus.dev/rack");
            links.add(new TopologySpec.Link(node.name(), rack, 1));
            if (switches.add(rack)) {
                links.add(new TopologySpec.Link(rack, zone, 1));
            }
            if (switches.add(zone)) {
                links.add(new TopologySpec.Link(zone, region, 1));
            }
            if (switches.add(region)) {
                links.add(new TopologySpec.Link(region, "world", 1));
            }
        }
        switches.add("world");
        return new TopologySpec(switches, links, TopologySpec.DEFAULT_RACK_MAX, TopologySpec.DEFAULT_ZONE_MAX,
                TopologySpec.DEFAULT_REGION_MAX);
    }
}
