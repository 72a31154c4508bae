package dev.locus.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The verdict's checks against made-up windows: each limit passes just inside and fails just outside. */
class SoakVerdictTest {

    private static final double MIB = 1048576.0;
    private static final double RATE = 50;

    /** A steady window: 50 pods/s for 60 s, 2 / 10 ms p50 / p99, 100 MiB after GC. */
    private static SoakWindow window(int index) {
        return new SoakWindow(index, index * 60.0, 60, index == 0, 3000, 5700, Map.of(), 0, 50,
                new LatencyStats(3000, 2.2, 2, 4, 10, 30), 1, 100 * MIB, 300 * MIB, 60, 10, 40, 12, 400L << 20, "1 1 1");
    }

    private static SoakWindow with(SoakWindow w, Map<String, Long> errors, long degraded, double podsPerSecond,
                                   double p50, double p99, double heapMiB) {
        return new SoakWindow(w.index(), w.startSeconds(), w.seconds(), w.warmup(), Math.round(podsPerSecond * w.seconds()),
                w.requests(), errors, degraded, podsPerSecond, new LatencyStats(w.pods(), p50, p50, p50, p99, p99),
                w.maxLagMs(), heapMiB * MIB, w.heapUsedMaxBytes(), w.heapSamples(), w.gcPauses(), w.gcPauseMs(),
                w.locusCpuPercent(), w.rssBytes(), w.loadAverage());
    }

    /** Five windows; {@code last} changes the last one, {@code warmup} the first. */
    private static List<SoakWindow> run(UnaryOperator<SoakWindow> warmup, UnaryOperator<SoakWindow> last) {
        List<SoakWindow> windows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            SoakWindow w = window(i);
            windows.add(i == 0 ? warmup.apply(w) : i == 4 ? last.apply(w) : w);
        }
        return windows;
    }

    static Stream<Arguments> cases() {
        UnaryOperator<SoakWindow> same = UnaryOperator.identity();
        return Stream.of(
                Arguments.of("flat", same, same, 0.0, 0.0, List.of()),
                Arguments.of("a slow, hot warm-up does not count", (UnaryOperator<SoakWindow>) w -> with(w, Map.of(), 0,
                        20, 40, 900, 400), same, 0.0, 0.0, List.of()),
                Arguments.of("an error in the warm-up counts", (UnaryOperator<SoakWindow>) w -> with(w,
                        Map.of("timeout", 1L), 0, 50, 2, 10, 100), same, 0.0, 0.0, List.of("errors")),
                Arguments.of("degraded answers", same, (UnaryOperator<SoakWindow>) w -> with(w, Map.of(), 3, 50, 2, 10, 100),
                        0.0, 0.0, List.of("degraded")),
                Arguments.of("unknown claims", same, same, 0.0, 4.0, List.of("unknown claims")),
                Arguments.of("rate not held", same, (UnaryOperator<SoakWindow>) w -> with(w, Map.of(), 0, 10, 2, 10, 100),
                        0.0, 0.0, List.of("rate held")),
                Arguments.of("heap slope just inside", same, same, 1.0, 0.0, List.of()),
                Arguments.of("heap slope over", same, same, 1.01, 0.0, List.of("heap slope")),
                Arguments.of("no heap samples: no slope", same, same, Double.NaN, 0.0, List.of("heap slope")),
                Arguments.of("heap +16 MiB (10 % is less)", same, (UnaryOperator<SoakWindow>) w -> with(w, Map.of(), 0, 50,
                        2, 10, 116), 0.0, 0.0, List.of()),
                Arguments.of("heap +17 MiB", same, (UnaryOperator<SoakWindow>) w -> with(w, Map.of(), 0, 50, 2, 10, 117),
                        0.0, 0.0, List.of("heap last vs first")),
                Arguments.of("p50 ×1.5, p99 ×2", same, (UnaryOperator<SoakWindow>) w -> with(w, Map.of(), 0, 50, 3, 20, 100),
                        0.0, 0.0, List.of()),
                Arguments.of("p50 ×1.6, p99 ×2.1", same, (UnaryOperator<SoakWindow>) w -> with(w, Map.of(), 0, 50, 3.2, 21,
                        100), 0.0, 0.0, List.of("p50 last vs first", "p99 last vs first")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judges(String name, UnaryOperator<SoakWindow> warmup, UnaryOperator<SoakWindow> last, double slope,
                double unknown, List<String> failing) {
        SoakVerdict verdict = SoakVerdict.judge(run(warmup, last), RATE, slope, unknown);

        assertEquals(failing, verdict.checks().stream().filter(c -> !c.pass()).map(SoakVerdict.Check::name).toList(),
                verdict.toString());
        assertEquals(failing.isEmpty(), verdict.pass());
        assertEquals(SoakVerdict.CHECKS, verdict.checks().stream().map(SoakVerdict.Check::name).toList());
    }

    @Test
    void subMillisecondLatencyMovesWithinTheSlack() {
        List<SoakWindow> windows = run(UnaryOperator.identity(), w -> with(w, Map.of(), 0, 50, 2.9, 11.9, 100));
        windows.set(1, with(windows.get(1), Map.of(), 0, 50, 0.2, 0.3, 100));
        windows.set(4, with(windows.get(4), Map.of(), 0, 50, 1.2, 2.3, 100));
        assertEquals(List.of(), SoakVerdict.judge(windows, RATE, 0, 0).checks().stream().filter(c -> !c.pass())
                .map(SoakVerdict.Check::name).toList(), "0.2 → 1.2 ms p50 (+1 ms) and 0.3 → 2.3 ms p99 (+2 ms)");
    }

    @Test
    void slopeIsLeastSquares() {
        assertEquals(2.0, SoakVerdict.slope(new double[] {0, 1, 2, 3}, new double[] {1, 3, 5, 7}), 1e-12);
        assertEquals(0.0, SoakVerdict.slope(new double[] {0, 1, 2, 3}, new double[] {5, 4, 4, 5}), 1e-12);
        assertEquals(Double.NaN, SoakVerdict.slope(new double[] {1}, new double[] {1}));
        assertEquals(Double.NaN, SoakVerdict.slope(new double[] {2, 2}, new double[] {1, 3}));
    }

    @Test
    void needsTwoSteadyWindows() {
        assertThrows(IllegalArgumentException.class, () -> SoakVerdict.judge(List.of(window(0), window(1)), RATE, 0, 0));
    }

    @Test
    void heapAfterGcIsHeapWithoutEden() {
        String metrics = String.join("\n",
                "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"} 2.0E8",
                "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"} 1.0E8",
                "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Survivor Space\"} 5.0E6",
                "jvm_memory_used_bytes{area=\"nonheap\",id=\"Metaspace\"} 9.0E8",
                "jvm_gc_pause_seconds_count{action=\"end of minor GC\",cause=\"G1 Evacuation Pause\",gc=\"G1 Young Generation\"} 7.0",
                "jvm_gc_pause_seconds_sum{action=\"end of minor GC\",cause=\"G1 Evacuation Pause\",gc=\"G1 Young Generation\"} 0.05",
                "jvm_gc_pause_seconds_count{action=\"end of minor GC\",cause=\"G1 Humongous Allocation\",gc=\"G1 Young Generation\"} 1.0",
                "jvm_gc_pause_seconds_sum{action=\"end of minor GC\",cause=\"G1 Humongous Allocation\",gc=\"G1 Young Generation\"} 0.01",
                "process_cpu_time_ns_total 3.5E9", "");

        SoakProbe.Sample s = SoakProbe.parse(metrics, 42);

        assertEquals(305_000_000, s.heapUsed());
        assertEquals(105_000_000, s.heapAfterGc(), "old gen + survivors");
        assertEquals(8, s.gcPauses());
        assertEquals(0.06, s.gcPauseSeconds(), 1e-12);
        assertEquals(3.5, s.cpuSeconds());
        assertEquals(0, s.degraded(), "not exported before the first degraded answer");
        assertEquals(Double.NaN, s.unknownClaims());
    }
}
