package dev.locus.bench.placement;

import dev.locus.api.ExtenderArgs;
import dev.locus.api.ExtenderArgsDecoder;
import dev.locus.api.ExtenderReplyEncoder;
import dev.locus.api.NodeMode;
import dev.locus.bench.cluster.SyntheticRecords;
import dev.locus.config.LocusConfig;
import dev.locus.placement.CycleState;
import dev.locus.placement.PlacementEngine;
import io.vertx.core.buffer.Buffer;
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
 * A whole /prioritize and /filter request server-side, body bytes in, reply buffer out:
 * exactly what the ExtenderServer handlers do on their worker thread (decode, prepare,
 * place, encode), minus HTTP. NodeNames mode (nodeCacheCapable: true), 4 volumes. The
 * prioritize reply is written from the score array, as the server does.
 * Run: {@code java -jar bench/target/benchmarks.jar PrioritizeRequestBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PrioritizeRequestBenchmark {

    @Param({"1000", "5000"})
    public int nodes;

    private SyntheticRecords cluster;
    private PlacementEngine engine;
    private byte[] body;

    @Setup
    public void setUp() {
        cluster = SyntheticRecords.of(nodes, 4);
        engine = PlacementBenchmark.engine(LocusConfig.defaults());
        body = cluster.requestBody(NodeMode.NODE_NAMES);
        engine.prepare(cluster.pod, cluster.snapshot);
    }

    @Benchmark
    public Buffer prioritizeRequest() {
        ExtenderArgs args = ExtenderArgsDecoder.decode(body);
        CycleState state = engine.prepare(args.pod(), cluster.snapshot);
        return ExtenderReplyEncoder.priorities(args, engine.scores(state, args));
    }

    @Benchmark
    public Buffer filterRequest() {
        ExtenderArgs args = ExtenderArgsDecoder.decode(body);
        CycleState state = engine.prepare(args.pod(), cluster.snapshot);
        return ExtenderReplyEncoder.filter(args, engine.filter(state, args));
    }
}
