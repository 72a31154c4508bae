package dev.locus.load;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Locus as a child process on a free loopback port, serving generated manifests:
 * {@code <launcher> serve --manifests DIR --port N --host 127.0.0.1}, where the launcher is
 * {@code java [jvm options] -jar target/locus.jar} (or any command that ends in Locus's CLI).
 * A separate process, so its CPU and heap are measured apart from the load generator's.
 * Its output goes to a log file; {@link #close()} stops it (SIGTERM, then SIGKILL after 15 s),
 * and so does a shutdown hook if the tool is interrupted first, so no Locus outlives the tool.
 */
public final class LocusProcess implements AutoCloseable {

    /** Longest wait for {@code /readyz} after launch; loading 20,000 nodes' manifests takes a few seconds. */
    static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    /** Pause between readiness polls. */
    static final Duration POLL = Duration.ofMillis(100);

    private final Process process;
    private final URI url;
    private final Path log;
    private final Thread killOnExit;

    private LocusProcess(Process process, URI url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
        this.killOnExit = new Thread(process::destroy, "stop-locus-" + process.pid());
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** The launcher for a Locus jar: {@code java [jvmOptions] -jar jar}. */
    public static List<String> jarLauncher(Path jar, List<String> jvmOptions) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalArgumentException("--locus-jar " + jar + ": no such file; build it from the repository root "
                    + "with `mvn -B -q package -DskipTests`");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /** Starts Locus on {@code manifests} and waits until it is ready; logs to {@code log}. */
    public static LocusProcess start(List<String> launcher, Path manifests, Path log) throws IOException {
        int port = freePort();
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("serve", "--manifests", manifests.toString(), "--port", String.valueOf(port),
                "--host", "127.0.0.1"));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        LocusProcess locus = new LocusProcess(process, URI.create("http://127.0.0.1:" + port + "/"), log);
        try {
            locus.awaitReady();
        } catch (IOException | RuntimeException e) {
            locus.close();
            throw e;
        }
        return locus;
    }

    private void awaitReady() throws IOException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest readyz = HttpRequest.newBuilder(url.resolve("/readyz")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("Locus exited with status " + process.exitValue() + " before it was ready; "
                        + "last lines of " + log + ":\n" + tail());
            }
            try {
                if (http.send(readyz, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for Locus", e);
            }
            try {
                process.waitFor(POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for Locus", e);
            }
        }
        throw new IOException("Locus was not ready within " + READY_TIMEOUT.toSeconds() + " s; see " + log);
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Base URL, e.g. {@code http://127.0.0.1:41234/}. */
    public URI url() {
        return url;
    }

    /** Process id, for /proc CPU readings. */
    public long pid() {
        return process.pid();
    }

    /** True while the process runs. */
    public boolean alive() {
        return process.isAlive();
    }

    /** Stops Locus: SIGTERM (its shutdown hook closes the server), SIGKILL if it is still running after 15 s. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException e) {
            // the JVM is already exiting: the hook stops Locus
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
