package dev.locus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {

    @TempDir
    Path dir;

    private LocusConfig load(String yaml) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        LocusConfig.Builder builder = LocusConfig.builder();
        ConfigFile.apply(file, builder);
        return builder.build();
    }

    @Test
    void defaults() {
        LocusConfig c = LocusConfig.defaults();
        assertEquals("0.0.0.0", c.host());
        assertEquals(8888, c.port());
        assertEquals(128L * 1024 * 1024, c.maxBodyBytes());
        assertEquals("topology.locus.dev/rack", c.rackLabel());
        assertEquals(LocalityPolicy.PREFERRED, c.defaultPolicy());
    }

    @Test
    void everyKeyIsRead() throws IOException {
        LocusConfig c = load("""
                server: {host: 127.0.0.1, port: 9999, maxBodyBytes: 2048}
                placement: {rackLabel: example.com/rack, defaultPolicy: Strict}
                """);
        assertEquals("127.0.0.1", c.host());
        assertEquals(9999, c.port());
        assertEquals(2048, c.maxBodyBytes());
        assertEquals("example.com/rack", c.rackLabel());
        assertEquals(LocalityPolicy.STRICT, c.defaultPolicy());
        assertEquals(ServerLimits.DEFAULTS, c.limits());
        assertEquals(LocusConfig.defaults().tls(), c.tls());
    }

    @Test
    void anEmptyFileMeansDefaults() throws IOException {
        assertEquals(LocusConfig.defaults(), load(""));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            server: {prot: 1}                       | unknown key 'server.prot'
            srever: {port: 1}                       | unknown key 'srever'
            server: {port: 70000}                   | server.port must be in 0..65535, got 70000
            server: {port: "8080"}                  | server.port must be an integer, got "8080"
            server: {port: 1.5}                     | server.port must be an integer
            server: {maxBodyBytes: 10}              | server.maxBodyBytes must be in 1024..
            server: {host: ""}                      | server.host must be a non-empty host name or address
            placement: {defaultPolicy: sometimes}   | placement.defaultPolicy must be one of [strict, preferred, none, spread], got 'sometimes'
            placement: {rackLabel: 5}               | placement.rackLabel must be a string, got 5
            - just a list                           | must hold a YAML mapping
            'server: {port: [1'                     | cannot read config file
            """)
    void badValuesFailNamingTheKeyAndFile(String yaml, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml));
        assertTrue(e.getMessage().contains(message), e.getMessage());
        assertTrue(e.getMessage().contains("config.yaml"), e.getMessage());
    }
}
