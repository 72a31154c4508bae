package dev.locus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MainTest {

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', textBlock = """
            ''                                 | 2 | missing command (serve)
            start                              | 2 | unknown command 'start'
            serve --demo --verbose             | 2 | unknown flag '--verbose'
            serve --port                       | 2 | --port needs a value
            serve --demo --port eighty         | 2 | --port must be an integer, got 'eighty'
            serve --demo --port 99999          | 2 | flag --port must be in 0..65535, got 99999
            serve --demo --manifests x         | 2 | --demo and --manifests exclude each other
            serve --manifests /no/such/place   | 2 | --manifests /no/such/place: no such file or folder
            serve --demo --config /no/such.yaml| 2 | --config /no/such.yaml: no such file
            --help                             | 0 | usage: java -jar locus.jar serve
            """)
    void badFlagsFailAtStartNamingThem(String args, int code, String message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] argv = args.isBlank() ? new String[0] : args.trim().split("\\s+");
        int exit = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(code, exit);
        String text = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains(message), text);
    }

    @Test
    void tlsFilesThatAreNotPemStopTheStartWithExit2NamingTheKey(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("tls.crt"), "not a certificate\n");
        Files.writeString(dir.resolve("tls.key"), "not a key\n");
        Path config = dir.resolve("config.yaml");
        Files.writeString(config, "tls: {certFile: " + dir.resolve("tls.crt") + ", keyFile: " + dir.resolve("tls.key") + "}\n");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new String[] {"serve", "--demo", "--host", "127.0.0.1", "--port", "0", "--config", config.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, exit, text);
        assertTrue(text.startsWith("locus: tls.certFile " + dir.resolve("tls.crt") + ": "), text);
    }
}
