package dev.locus.bench.placement;

import dev.locus.api.ExtenderArgs;
import dev.locus.api.ExtenderArgsDecoder;
import dev.locus.api.FilterResult;
import dev.locus.api.HostPriority;
import dev.locus.api.NodeMode;
import dev.locus.bench.cluster.SyntheticRecords;
import dev.locus.config.LocusConfig;
import dev.locus.locality.CaffeineVolumeLocalityIndex;
import dev.locus.placement.Candidates;
import dev.locus.placement.CycleState;
import dev.locus.placement.PlacementEngine;
import dev.locus.placement.PolicyResolver;
import dev.locus.placement.ProximityScore;
import dev.locus.topology.TopologyIndexes;
import java.util.List;
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
 * The placement hot path on a synthetic cluster (NodeNames mode, all nodes offered, tier
 * arrays already computed, as they are after the first request on a snapshot):
 * <ul>
 *   <li>{@code score}: the scoring step alone, candidates already resolved to ordinals</li>
 *   <li>{@code resolve}: candidate names to ordinals and storage states (from the decoded
 *       request's bytes)</li>
 *   <li>{@code prioritize}: prepare + resolve + score + the HostPriority list</li>
 *   <li>{@code filter}: prepare + the whole filter chain</li>
 * </ul>
 * Run: {@code java -jar bench/target/benchmarks.jar PlacementBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PlacementBenchmark {

    @Param({"100", "1000", "5000"})
    public int nodes;

    @Param({"1", "4"})
    public int volumes;

    private SyntheticRecords cluster;
    private PlacementEngine engine;
    private ExtenderArgs args;
    private CycleState state;
    private Candidates candidates;

    @Setup
    public void setUp() {
        cluster = SyntheticRecords.of(nodes, volumes);
        engine = engine(LocusConfig.defaults());
        args = ExtenderArgsDecoder.decode(cluster.requestBody(NodeMode.NODE_NAMES)); // names as the server has them
        state = engine.prepare(cluster.pod, cluster.snapshot);
        candidates = engine.candidates(state, args);
    }

    static PlacementEngine engine(LocusConfig config) {
        return new PlacementEngine(PlacementEngine.defaultFilters(),
                new CaffeineVolumeLocalityIndex(CaffeineVolumeLocalityIndex.defaultSources(), 200_000),
                new PolicyResolver(config.defaultPolicy()), new TopologyIndexes(config.rackLabel(), config.topology()),
                new ProximityScore(config.tiers(), config.degradedPenalty()));
    }

    @Benchmark
    public int[] score() {
        return engine.scores(state, candidates);
    }

    @Benchmark
    public Candidates resolve() {
        return engine.candidates(state, args);
    }

    @Benchmark
    public List<HostPriority> prioritize() {
        return engine.prioritize(engine.prepare(cluster.pod, cluster.snapshot), args);
    }

    @Benchmark
    public FilterResult filter() {
        return engine.filter(engine.prepare(cluster.pod, cluster.snapshot), args);
    }
}
