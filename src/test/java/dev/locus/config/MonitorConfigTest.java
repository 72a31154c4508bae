package dev.locus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The health monitor's keys ({@code monitor.*}): read, defaulted, checked, and layered over a second file. */
class MonitorConfigTest {

    @TempDir
    Path dir;

    private LocusConfig load(String... files) throws IOException {
        LocusConfig.Builder builder = LocusConfig.builder();
        int i = 0;
        for (String yaml : files) {
            Path file = dir.resolve("config-" + i++ + ".yaml");
            Files.writeString(file, yaml);
            ConfigFile.apply(file, builder);
        }
        return builder.build();
    }

    @Test
    void offByDefault() {
        assertEquals(MonitorSettings.DEFAULTS, LocusConfig.defaults().monitor());
        assertEquals(false, MonitorSettings.DEFAULTS.enabled());
    }

    @Test
    void everyKeyIsRead() throws IOException {
        MonitorSettings m = load("""
                monitor:
                  enabled: true
                  dryRun: true
                  rebalance: true
                  schedulerNames: [a, b]
                  intervalSeconds: 3
                  grace: {storageDownSeconds: 1, csiDriverMissingSeconds: 2, nodeNotReadySeconds: 4, longhornSeconds: 5,
                         longhornNodeDownSeconds: 6}
                  maxEvictionsPerMinute: 9
                  maxEvictionsPerNodePerMinute: 8
                  refusalBackoffSeconds: 7
                  maxRefusalBackoffSeconds: 70
                  leaseNamespace: ops
                  leaseName: mon
                """).monitor();
        assertEquals(new MonitorSettings(true, true, true, List.of("a", "b"), Duration.ofSeconds(3), Duration.ofSeconds(1),
                Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(6), 9, 8, Duration.ofSeconds(7),
                Duration.ofSeconds(70), "ops", "mon"), m);
    }

    @Test
    void aLaterFileOverridesAnEarlierOne() throws IOException {
        MonitorSettings m = load("monitor: {enabled: false, intervalSeconds: 30}", "monitor: {enabled: true}").monitor();
        assertEquals(true, m.enabled());
        assertEquals(Duration.ofSeconds(30), m.interval());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            monitor: {enabled: yes-please}                               | monitor.enabled must be true or false
            monitor: {schedulerNames: locus-scheduler}                   | monitor.schedulerNames must be a list
            monitor: {schedulerNames: []}                                | monitor.schedulerNames must be a non-empty list
            monitor: {intervalSeconds: 0}                                | monitor.intervalSeconds must be in 1..3600 s
            monitor: {grace: {storageDownSeconds: -1}}                   | monitor.grace.storageDownSeconds must be in 0..86400 s
            monitor: {grace: {nodeNotReadySeconds: 86401}}               | monitor.grace.nodeNotReadySeconds must be in 0..86400 s
            monitor: {grace: {longhornNodeDownSeconds: -5}}              | monitor.grace.longhornNodeDownSeconds must be in 0..86400 s
            monitor: {maxEvictionsPerMinute: 0}                          | monitor.maxEvictionsPerMinute must be in 1..1000
            monitor: {maxEvictionsPerMinute: 2, maxEvictionsPerNodePerMinute: 3} | monitor.maxEvictionsPerNodePerMinute (3) must not exceed
            monitor: {refusalBackoffSeconds: 60, maxRefusalBackoffSeconds: 30}   | monitor.maxRefusalBackoffSeconds (30) must be at least
            monitor: {leaseName: Not_A_Name}                             | monitor.leaseName must be a DNS label
            monitor: {graceSeconds: 5}                                   | unknown key 'monitor.graceSeconds'
            """)
    void badValuesAreRejectedNamingTheKey(String yaml, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }
}
