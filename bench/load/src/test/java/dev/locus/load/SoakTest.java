package dev.locus.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A four-second soak end to end against Locus as a child process, and the soak command line's refusals. */
class SoakTest {

    private static final double RATE = 40;

    @TempDir
    Path dir;

    @Test
    void soakMeasuresEveryWindowJudgesTheRunAndStopsLocus() throws IOException {
        SoakSettings settings = new SoakSettings(RATE, Duration.ofSeconds(4), Duration.ofSeconds(1), Duration.ofSeconds(5));
        ByteArrayOutputStream console = new ByteArrayOutputStream();

        SoakReport report = Soak.run(settings, ClusterSpec.defaults(60), NodeMode.NAMES,
                Sweep.Target.child(SweepTest.classpathLauncher()), dir, new PrintStream(console, true, StandardCharsets.UTF_8));

        assertEquals(4, report.windows().size(), console.toString(StandardCharsets.UTF_8));
        for (SoakWindow w : report.windows()) {
            assertEquals(w.index() == 0, w.warmup(), "only the first window is warm-up: " + w);
            double end = w.startSeconds() + w.seconds();
            assertTrue(end >= w.index() + 1 - 0.002 && end < w.index() + 1 + 6,
                    "window i ends after (i + 1) × --window, at most one cycle (5 s timeout) later: " + w);
            assertTrue(w.index() == 0 || Math.abs(w.startSeconds() - (report.windows().get(w.index() - 1).startSeconds()
                    + report.windows().get(w.index() - 1).seconds())) < 0.002, "windows tile the run: " + w);
            assertEquals(0, w.errorCount(), w.toString());
            assertTrue(w.pods() > 0, w.toString());
            assertTrue(w.requests() >= w.pods() && w.requests() <= 2 * w.pods() + 1, "a filter and at most one prioritize per pod: " + w);
            assertEquals(w.pods(), w.cycle().count(), w.toString());
            assertTrue(w.cycle().p50Ms() > 0 && w.cycle().p50Ms() <= w.cycle().p99Ms()
                    && w.cycle().p99Ms() <= w.cycle().maxMs(), w.toString());
            assertTrue(w.heapSamples() >= 1 && w.heapAfterGcBytes() > 1 << 20
                    && w.heapAfterGcBytes() <= w.heapUsedMaxBytes(), "heap from jvm_memory_used_bytes: " + w);
            assertTrue(w.rssBytes() > w.heapAfterGcBytes(), "RSS of the child from /proc: " + w);
            assertTrue(w.locusCpuPercent() > 0, w.toString());
            assertTrue(w.loadAverage().matches("[0-9.]+ [0-9.]+ [0-9.]+"), w.loadAverage());
        }
        double seconds = report.windows().stream().mapToDouble(SoakWindow::seconds).sum();
        long pods = report.windows().stream().mapToLong(SoakWindow::pods).sum();
        assertTrue(pods <= RATE * seconds + 1, "paced at --rate: never ahead of its schedule: " + pods + " in " + seconds + " s");
        assertEquals(SoakVerdict.CHECKS, report.verdict().checks().stream().map(SoakVerdict.Check::name).toList());
        assertEquals(report.verdict().checks().stream().allMatch(SoakVerdict.Check::pass), report.verdict().pass());
        assertTrue(check(report, "errors").pass() && check(report, "unknown claims").pass(), report.verdict().toString());
        assertTrue(check(report, "heap slope").measured().matches("-?[0-9.]+ MiB/min"), "a real slope: " + check(report, "heap slope"));
        assertTrue(report.locusPid() > 0);
        assertFalse(ProcessHandle.of(report.locusPid()).map(ProcessHandle::isAlive).orElse(false),
                "the Locus child is stopped when the soak ends");
        assertTrue(Files.readString(dir.resolve("locus.log")).contains("Locus serving on"));

        report.write(dir);
        assertEquals(report, SoakReport.read(dir.resolve(SoakReport.JSON_FILE)), "JSON reads back to the same report");
        String md = Files.readString(dir.resolve(SoakReport.MARKDOWN_FILE));
        assertTrue(md.contains(SoakReport.WINDOWS_HEADER) && md.contains(SoakReport.VERDICT_HEADER), md);
        assertEquals(4, md.lines().filter(l -> l.matches("\\| [0-3]( \\(warm-up\\))? \\| [0-9.]+ \\|.*")).count(), md);
        assertTrue(md.contains("| 0 (warm-up) | 0 |") && md.contains("| heap slope | "), md);
    }

    private static SoakVerdict.Check check(SoakReport report, String name) {
        return report.verdict().checks().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(strings = {"--rate 0", "--rate fast", "--window 500ms", "--duration 5s --window 2s",
            "--duration 2s --window 1s", "--duration 13h", "--mode all", "--nodes 0", "--http-timeout 1ms",
            "--url http://10.1.2.3:8888", "--concurrency 2"})
    void badFlagsAreUsageErrorsNamingTheFlag(String flags) {
        String[] args = ("soak " + flags + " --locus-jar " + dir.resolve("none.jar") + " --out " + dir).split(" ");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LoadTool.run(args, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code, err.toString(StandardCharsets.UTF_8));
        String named = flags.startsWith("--duration") ? "--duration" : flags.split(" ")[0];
        assertTrue(err.toString(StandardCharsets.UTF_8).lines().findFirst().orElse("").contains(named),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void missingLocusJarIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LoadTool.run(new String[] {"soak", "--locus-jar", dir.resolve("none.jar").toString()},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--locus-jar"), err.toString(StandardCharsets.UTF_8));
    }
}
