package dev.locus.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    static final String TEXT = """
            # HELP jvm_memory_used_bytes The amount of used memory
            # TYPE jvm_memory_used_bytes gauge
            jvm_memory_used_bytes{area="heap",id="G1 Eden Space"} 1.6777216E7
            jvm_memory_used_bytes{area="heap",id="G1 Old Gen"} 7402496.0
            jvm_memory_used_bytes{area="nonheap",id="Metaspace"} 2.785844E7
            jvm_memory_used_bytes_extra{area="heap"} 99
            locus_errors_total{cause="odd \\"quoted\\", value"} 3.0
            process_cpu_time_ns_total 4.84E9
            """;

    @Test
    void sumsTheSamplesWithTheGivenLabels() {
        assertEquals(16777216.0 + 7402496.0, PrometheusText.sum(TEXT, "jvm_memory_used_bytes", Map.of("area", "heap"))
                .orElseThrow());
        assertEquals(16777216.0 + 7402496.0 + 27858440.0,
                PrometheusText.sum(TEXT, "jvm_memory_used_bytes", Map.of()).orElseThrow());
    }

    @Test
    void readsUnlabelledSamplesAndEscapedLabelValues() {
        assertEquals(4.84e9, PrometheusText.sum(TEXT, "process_cpu_time_ns_total", Map.of()).orElseThrow());
        assertEquals(3.0, PrometheusText.sum(TEXT, "locus_errors_total", Map.of("cause", "odd \"quoted\", value"))
                .orElseThrow());
    }

    @Test
    void missingMetricIsEmpty() {
        assertTrue(PrometheusText.sum(TEXT, "process_cpu_time", Map.of()).isEmpty());
        assertTrue(PrometheusText.sum(TEXT, "jvm_memory_used_bytes", Map.of("area", "stack")).isEmpty());
    }
}
