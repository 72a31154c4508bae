package dev.locus.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The probe against a /metrics whose counters the test moves between the start and the end of a window. */
class LocusProbeTest {

    private final AtomicInteger phase = new AtomicInteger();
    private HttpServer server;
    private URI url;

    /** Locus's metric names; phase 0 before the window, 1 inside it. */
    private String metrics() {
        boolean inside = phase.get() == 1;
        return String.join("\n",
                "# TYPE process_cpu_time_ns_total counter",
                "process_cpu_time_ns_total " + (inside ? "3.5E9" : "1.0E9"),
                "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Eden Space\"} " + (inside ? "2.0E8" : "5.0E7"),
                "jvm_memory_used_bytes{area=\"heap\",id=\"G1 Old Gen\"} 1.0E8",
                "jvm_memory_used_bytes{area=\"nonheap\",id=\"Metaspace\"} 9.0E8",
                "locus_deadline_exceeded_total{verb=\"filter\"} " + (inside ? "5.0" : "3.0"),
                "locus_deadline_exceeded_total{verb=\"prioritize\"} " + (inside ? "2.0" : "0.0"),
                "");
    }

    @BeforeEach
    void serveMetrics() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = metrics().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void measuresCpuHeapPeakAndDegradedAnswersOverTheWindow() {
        try (LocusProbe probe = new LocusProbe(url, -1)) {
            probe.start();
            phase.set(1);
            LocusProbe.Usage usage = probe.finish();

            assertEquals(2.5, usage.cpuSeconds(), 1e-9);
            assertEquals(300_000_000L, usage.peakHeapBytes(), "heap pools only, the highest sample");
            assertEquals(4, usage.degradedAnswers(), "filter 3 -> 5, prioritize 0 -> 2");
            assertTrue(usage.heapSamples() >= 2, "sampled at start and at finish");
        }
    }

    @Test
    void unknownWithoutMetricsAndWithoutPid() {
        server.stop(0);
        try (LocusProbe probe = new LocusProbe(url, -1)) {
            probe.start();
            LocusProbe.Usage usage = probe.finish();
            assertTrue(Double.isNaN(usage.cpuSeconds()));
            assertEquals(0, usage.peakHeapBytes());
        }
    }

    @Test
    void readsCpuOfAProcessFromProc() {
        double cpu = LocusProbe.procCpuSeconds(ProcessHandle.current().pid());
        assertTrue(cpu > 0 && cpu < 1e6, "this JVM has used some CPU: " + cpu);
    }
}
