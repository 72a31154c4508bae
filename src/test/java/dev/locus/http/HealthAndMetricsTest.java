package dev.locus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.testing.FixtureAnswers;
import dev.locus.testing.Fixtures;
import java.nio.file.Path;
import java.util.Map;
import dev.locus.testing.HttpExtenderClient;
import dev.locus.testing.RunningLocus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthAndMetricsTest {

    @Test
    void healthReadinessAndMetricsAfterTraffic(@TempDir Path dir) {
        try (RunningLocus locus = new RunningLocus(FixtureAnswers.cluster(dir))) {
            assertEquals(200, locus.client().get("healthz").statusCode());
            assertEquals(200, locus.client().get("readyz").statusCode());
            byte[] body = Fixtures.bytes(Fixtures.request("node-cache-capable-false/0002"));
            Map<String, Long> points = locus.client().prioritize(body, HttpExtenderClient.offered(body));
            assertEquals(Map.of("node-1", 0L, "node-2", 500L, "node-3", 0L), points, "pv-prebound's data is on node-2");
            var metrics = locus.client().get("metrics");
            assertEquals(200, metrics.statusCode());
            String text = metrics.body();
            assertTrue(text.contains("locus_requests_seconds_count{outcome=\"ok\",verb=\"prioritize\"} 1"), text);
            assertTrue(text.contains("locus_request_bytes_sum{verb=\"prioritize\"} " + body.length + ".0"), text);
            assertTrue(text.contains("locus_ready 1.0"), text);
            assertTrue(text.contains("cache_gets_total{cache=\"locality\""), text);
        }
    }
}
