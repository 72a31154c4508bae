package dev.locus.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One control-plane process: started with its output appended to {@code logs/NAME.log},
 * waited for through its health URL, stopped with SIGTERM (twice, one second apart:
 * kube-scheduler only begins a graceful shutdown on the first) and SIGKILL after
 * {@link #STOP_TIMEOUT}.
 */
final class Component {

    /** Longest wait for a component to answer its health URL: 90 s, as the shared up.sh allows. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    /** Longest wait for a component to exit after the SIGTERMs before SIGKILL. */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    private final String name;
    private final List<String> command;
    private final Path log;
    private Process process;

    Component(String name, List<String> command, Path logDir) {
        this.name = name;
        this.command = List.copyOf(command);
        this.log = logDir.resolve(name + ".log");
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    /** Starts the process, appending to its log (a restart keeps the earlier run's lines). */
    void start() {
        try {
            Files.writeString(log, "==== start " + java.time.Instant.now() + " " + String.join(" ", command) + "\n",
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** Waits until {@code url} answers 200 through {@code tls}; fails early when the process exits. */
    void awaitHealthy(URI url, SSLContext tls) {
        HttpClient http = HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(2)).build();
        try {
            Awaitility.await(name + " healthy at " + url).atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions().until(() -> {
                        if (!alive()) {
                            throw new IllegalStateException(name + " exited with " + process.exitValue());
                        }
                        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(3)).build();
                        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
        } catch (ConditionTimeoutException e) {
            String why = alive() ? "timed out" : "exited with " + process.exitValue();
            throw new IllegalStateException(name + " not healthy (" + why + "); see " + log + "\n" + tail(), e);
        }
    }

    /** SIGTERM, a second SIGTERM after a second, SIGKILL after {@link #STOP_TIMEOUT}; idempotent. */
    void stop() {
        if (process == null) {
            return;
        }
        try {
            process.destroy();
            if (!process.waitFor(1, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(STOP_TIMEOUT.toMillis() - 1000, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    /** SIGKILL without waiting: the JVM shutdown hook's last resort. */
    void kill() {
        Process p = process;
        if (p != null) {
            p.destroyForcibly();
        }
    }

    /** The last lines of the log, for a failure message. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
