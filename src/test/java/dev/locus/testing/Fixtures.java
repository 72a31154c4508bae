package dev.locus.testing;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ManifestLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The real kube-scheduler v1.24 captures: byte-for-byte copies of {@code ../shared/fixtures}
 * kept in the test resources, so a clone without {@code ../shared} runs every wire test.
 */
public final class Fixtures {

    /** The fixture folder, relative to the project root (Maven's working directory for tests). */
    public static final Path ROOT = Path.of("src", "test", "resources", "fixtures", "kube-scheduler-v1.24");
    /** The admission reviews a real kube-apiserver v1.24 sent, with their manifests and README. */
    public static final Path ADMISSION = Path.of("src", "test", "resources", "fixtures", "kube-apiserver-v1.24-admission");
    public static final Path MANIFESTS = ROOT.resolve("manifests");
    public static final Path REQUESTS = ROOT.resolve("requests");

    private Fixtures() {
    }

    /** Every captured request body, in name order. */
    public static List<Path> requests() {
        try (Stream<Path> files = Files.walk(REQUESTS)) {
            return files.filter(p -> p.toString().endsWith(".request.json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("fixtures missing under " + ROOT, e);
        }
    }

    /** One capture by file name prefix, e.g. {@code "node-cache-capable-true/0003"}. */
    public static Path request(String prefix) {
        return requests().stream().filter(p -> REQUESTS.relativize(p).toString().startsWith(prefix))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no fixture " + prefix));
    }

    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cluster that produced the captures. */
    public static ClusterSnapshot cluster() {
        return ManifestLoader.load(MANIFESTS);
    }

    /** The verb of a capture, from its file name ({@code filter} or {@code prioritize}). */
    public static String verb(Path request) {
        return request.getFileName().toString().contains("-filter-") ? "filter" : "prioritize";
    }
}
