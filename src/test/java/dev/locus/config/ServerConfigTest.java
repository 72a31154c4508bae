package dev.locus.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The limit and TLS keys ({@code server.*} limits, {@code tls.*}): read, defaulted and checked. */
class ServerConfigTest {

    @TempDir
    Path dir;

    @BeforeEach
    void pemFiles() throws IOException {
        for (String name : new String[] {"tls.crt", "tls.key", "ca.crt"}) {
            Files.writeString(dir.resolve(name), "-----BEGIN PLACEHOLDER-----\n");
        }
    }

    private LocusConfig load(String yaml) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml.replace("$DIR", dir.toString()));
        LocusConfig.Builder builder = LocusConfig.builder();
        ConfigFile.apply(file, builder);
        return builder.build();
    }

    @Test
    void defaultsArePlainHttpWithTheDocumentedLimits() {
        LocusConfig c = LocusConfig.defaults();
        assertEquals(new ServerLimits(0, 8192, 256, 1500, 256L * 1024 * 1024), c.limits());
        assertFalse(c.tls().enabled());
        assertFalse(c.tls().clientAuth());
        assertEquals(30, c.tls().reloadIntervalSeconds());
    }

    @Test
    void everyKeyIsRead() throws IOException {
        LocusConfig c = load("""
                server: {port: 8443, healthPort: 8080, maxHeaderBytes: 4096, maxConnections: 16, requestDeadlineMillis: 900,
                         maxInFlightBodyBytes: 268435457}
                tls: {certFile: $DIR/tls.crt, keyFile: $DIR/tls.key, clientCaFile: $DIR/ca.crt, reloadIntervalSeconds: 5}
                """);
        assertEquals(new ServerLimits(8080, 4096, 16, 900, 268435457L), c.limits());
        assertEquals(new TlsSettings(dir.resolve("tls.crt"), dir.resolve("tls.key"), dir.resolve("ca.crt"), 5), c.tls());
        assertTrue(c.tls().enabled());
        assertTrue(c.tls().clientAuth());
    }

    @Test
    void nullKeepsTheDefault() throws IOException {
        LocusConfig c = load("""
                server: {healthPort: null, requestDeadlineMillis: null}
                tls: {certFile: null, keyFile: null, clientCaFile: null}
                """);
        assertEquals(LocusConfig.defaults(), c);
        assertNull(c.tls().certFile());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            server: {healthPort: 70000}                      | server.healthPort must be in 0..65535, got 70000
            server: {port: 9000, healthPort: 9000}            | server.healthPort must differ from server.port (both 9000)
            server: {maxHeaderBytes: 100}                     | server.maxHeaderBytes must be in 1024..1048576 bytes, got 100
            server: {maxConnections: 0}                       | server.maxConnections must be in 1..65536, got 0
            server: {requestDeadlineMillis: 5}                | server.requestDeadlineMillis must be in 10..60000 ms, got 5
            server: {requestDeadlineMillis: "2s"}             | server.requestDeadlineMillis must be an integer, got "2s"
            server: {maxInFlightBodyBytes: 10}                | server.maxInFlightBodyBytes must be in 1024..1099511627776 bytes, got 10
            server: {maxBodyBytes: 4096, maxInFlightBodyBytes: 2048} | server.maxInFlightBodyBytes (2048) must be at least server.maxBodyBytes (4096)
            tls: {certFile: $DIR/missing.crt}                 | tls.certFile $DIR/missing.crt: no such readable file
            tls: {keyFile: ""}                                | tls.keyFile must be a path to a PEM file
            tls: {certFile: $DIR/tls.crt}                     | tls.certFile and tls.keyFile must be set together (only tls.certFile is set)
            tls: {keyFile: $DIR/tls.key}                      | tls.certFile and tls.keyFile must be set together (only tls.keyFile is set)
            tls: {clientCaFile: $DIR/ca.crt}                  | tls.clientCaFile needs tls.certFile and tls.keyFile
            tls: {reloadIntervalSeconds: -1}                  | tls.reloadIntervalSeconds must be in 0..86400 s, got -1
            tls: {certfile: x}                                | unknown key 'tls.certfile'
            """)
    void badValuesFailNamingTheKey(String yaml, String message) {
        ConfigException e = assertThrows(ConfigException.class, () -> load(yaml));
        assertTrue(e.getMessage().contains(message.replace("$DIR", dir.toString())), e.getMessage());
    }
}
