package dev.locus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The placement keys: ladder, penalty, topology file; every message names its key. */
class PlacementConfigTest {

    @TempDir
    Path dir;

    @Test
    void defaults() {
        LocusConfig config = LocusConfig.defaults();

        assertEquals(TierLadder.DEFAULT, config.tiers());
        assertEquals(3, config.degradedPenalty());
        assertNull(config.topology());
    }

    @ParameterizedTest(name = "tiers {0}: error names {1}")
    @CsvSource({
            "10 7 4 2 11,   placement.tiers.elsewhere must be in 0..10",
            "-1 0 0 0 0,    placement.tiers.node must be in 0..10",
            "10 7 8 2 0,    placement.tiers.zone (8) must not exceed placement.tiers.rack (7)",
            "5 6 4 2 0,     placement.tiers.rack (6) must not exceed placement.tiers.node (5)",
    })
    void badLadders(String tiers, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> {
            LocusConfig.Builder b = LocusConfig.builder();
            String[] values = tiers.trim().split("\\s+");
            for (int t = 0; t < values.length; t++) {
                b.tier(t, Long.parseLong(values[t]));
            }
            b.build();
        });
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"-1", "11"})
    void penaltyOutOfRange(long penalty) {
        ConfigException e = assertThrows(ConfigException.class, () -> LocusConfig.builder().degradedPenalty(penalty));
        assertTrue(e.getMessage().startsWith(LocusConfig.DEGRADED_PENALTY), e.getMessage());
    }

    @Test
    void configFileSetsEveryPlacementKey() throws IOException {
        Path topology = write("topology.yaml", """
                tiers: {rack: 1, zone: 3, region: 9}
                switches: [tor]
                links:
                  - {from: a, to: tor, cost: 1}
                  - {from: b, to: tor, cost: 0.5}
                """);
        Path file = write("locus.yaml", """
                placement:
                  tiers: {node: 9, rack: 8, zone: 5, region: 1, elsewhere: 0}
                  degradedPenalty: 4
                  topologyFile: %s
                """.formatted(topology));
        LocusConfig.Builder b = LocusConfig.builder();

        ConfigFile.apply(file, b);
        LocusConfig config = b.build();

        assertEquals(new TierLadder(9, 8, 5, 1, 0), config.tiers());
        assertEquals(4, config.degradedPenalty());
        assertEquals(topology, config.topologyFile());
        assertEquals(List.of(new TopologySpec.Link("a", "tor", 1), new TopologySpec.Link("b", "tor", 0.5)),
                config.topology().links());
        assertEquals(9, config.topology().regionMax());
        assertTrue(ConfigFile.keys().containsAll(List.of(LocusConfig.TIER_NODE, LocusConfig.TIER_ELSEWHERE,
                LocusConfig.DEGRADED_PENALTY, LocusConfig.TOPOLOGY_FILE)));
    }

    static Stream<Arguments> badTopologies() {
        String link = "links: [{from: a, to: b, cost: 1}]\n";
        return Stream.of(
                Arguments.of(link + "extra: 1", "unknown key 'extra'"),
                Arguments.of("links: [{from: a, to: b, cost: 1, weight: 2}]", "unknown key 'links[0].weight'"),
                Arguments.of("links: [{from: a, to: b, cost: 0}]", "links[0] must join two different vertices with a cost > 0"),
                Arguments.of("links: [{from: a, to: a, cost: 1}]", "links[0] must join two different vertices"),
                Arguments.of("links: [{from: a, cost: 1}]", "links[0].to must be a non-empty string"),
                Arguments.of("links: []", "links must be a non-empty list"),
                Arguments.of(link + "tiers: {rack: 5, zone: 4}", "0 <= rack <= zone <= region"),
                Arguments.of(link + "tiers: {hop: 5}", "unknown key 'tiers.hop'"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badTopologies")
    void badTopologyFiles(String yaml, String message) throws IOException {
        Path file = write("bad.yaml", yaml);

        ConfigException e = assertThrows(ConfigException.class,
                () -> LocusConfig.builder().topologyFile(file.toString()));

        assertTrue(e.getMessage().startsWith(LocusConfig.TOPOLOGY_FILE), e.getMessage());
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(message.trim()), e.getMessage());
    }

    @Test
    void missingTopologyFile() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> LocusConfig.builder().topologyFile(dir.resolve("nope.yaml").toString()));
        assertTrue(e.getMessage().contains("no such file"), e.getMessage());
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }
}
