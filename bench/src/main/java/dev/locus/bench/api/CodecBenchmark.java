package dev.locus.bench.api;

import dev.locus.api.ArrivingBody;
import dev.locus.api.ExtenderArgs;
import dev.locus.api.ExtenderArgsDecoder;
import dev.locus.api.ExtenderReplyEncoder;
import dev.locus.api.FilterResult;
import dev.locus.api.HostPriority;
import dev.locus.api.NodeMode;
import dev.locus.bench.cluster.SyntheticRecords;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The wire codec in both node modes: decoding a request (Nodes mode carries the load tool's
 * ~6 KB Node objects) with the parser, and as a large body is decoded ({@link #decodeArriving});
 * encoding the filter reply (Nodes mode echoes the passing nodes' bytes; 90 % pass, 10 % fail
 * with a reason) and encoding the prioritize reply (from a HostPriority
 * list, and from the decoded request and a score array as the server does).
 * Run: {@code java -jar bench/target/benchmarks.jar CodecBenchmark -f 1 -wi 3 -i 5 -w 1s -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CodecBenchmark {

    @Param({"100", "1000", "5000"})
    public int nodes;

    @Param({"NODE_NAMES", "NODES"})
    public NodeMode mode;

    private byte[] body;
    private ExtenderArgs args;
    private FilterResult verdicts;
    private List<HostPriority> priorities;
    private int[] scores;

    @Setup
    public void setUp() {
        body = SyntheticRecords.of(nodes, 1).requestBody(mode);
        args = ExtenderArgsDecoder.decode(body);
        BitSet passing = new BitSet(nodes);
        Map<String, String> failed = new HashMap<>();
        priorities = new ArrayList<>(nodes);
        scores = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            String name = args.nodes().get(i).name();
            if (i % 10 == 0) {
                failed.put(name, "storage on this node is down (node annotation locus.dev/storage-state=down)");
            } else {
                passing.set(i);
            }
            priorities.add(new HostPriority(name, i % 11));
            scores[i] = i % 11;
        }
        verdicts = FilterResult.of(args, passing, failed, Map.of());
    }

    @Benchmark
    public ExtenderArgs decode() {
        return ExtenderArgsDecoder.decode(body);
    }

    /**
     * As the server decodes a body of 1 MiB or more: Nodes mode without the parser for the
     * Node objects ({@code NodeListReader}); NodeNames mode falls back to {@link #decode}.
     */
    @Benchmark
    public ExtenderArgs decodeArriving() {
        return ExtenderArgsDecoder.decode(ArrivingBody.of(body));
    }

    @Benchmark
    public Buffer encodeFilter() {
        return ExtenderReplyEncoder.filter(args, verdicts);
    }

    @Benchmark
    public Buffer encodePriorities() {
        return ExtenderReplyEncoder.priorities(priorities);
    }

    /** The prioritize reply as the server writes it: from the decoded request and a score array. */
    @Benchmark
    public Buffer encodeScores() {
        return ExtenderReplyEncoder.priorities(args, scores);
    }
}
