package dev.locus.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The four executables the control plane needs, found under one assets folder: the unpacked
 * {@code control-plane-v1.24.0-linux-amd64.tar.xz}, or the official Kubernetes server binaries
 * ({@code kubernetes/server/bin/}) beside an etcd release. Each name is looked for up to four
 * folders deep.
 */
public record Binaries(Path etcd, Path apiServer, Path controllerManager, Path scheduler) {

    /** System property naming the assets folder. */
    public static final String PROPERTY = "locus.e2e.assets";
    /** Environment variable naming it when the property is unset. */
    public static final String ENV = "LOCUS_E2E_ASSETS";
    /** How deep under the assets folder the executables may be. */
    static final int SEARCH_DEPTH = 4;

    /** The one line printed when the suite is skipped. */
    public static final String HOW_TO_GET = "e2e suite skipped: no control-plane binaries. Give a folder holding "
            + "kube-apiserver, kube-scheduler, kube-controller-manager v1.24 (the official Kubernetes server "
            + "binaries, kubernetes-server-linux-amd64.tar.gz) and etcd (an etcd release) with -D" + PROPERTY
            + "=DIR or " + ENV + "=DIR; .ci/run unpacks them from ../shared/kube-control-plane/.";

    /** The configured assets folder, or empty when neither the property nor the variable is set. */
    public static Optional<Path> configuredFolder() {
        String dir = System.getProperty(PROPERTY);
        if (dir == null || dir.isBlank()) {
            dir = System.getenv(ENV);
        }
        return dir == null || dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir.trim()));
    }

    /** The executables under {@code folder}; fails naming the first one missing. */
    public static Binaries in(Path folder) {
        return new Binaries(find(folder, "etcd"), find(folder, "kube-apiserver"), find(folder, "kube-controller-manager"),
                find(folder, "kube-scheduler"));
    }

    private static Path find(Path folder, String name) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException(PROPERTY + "=" + folder + " is not a folder");
        }
        try (Stream<Path> found = Files.find(folder, SEARCH_DEPTH,
                (p, attrs) -> attrs.isRegularFile() && p.getFileName().toString().equals(name))) {
            return found.filter(Files::isExecutable).findFirst().orElseThrow(() -> new IllegalStateException(
                    "no executable " + name + " under " + folder + " (" + PROPERTY + ")"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
