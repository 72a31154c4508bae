package dev.locus.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ManifestLoader;
import dev.locus.placement.Reasons;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The real kube-scheduler captures over their own cluster plus a locality overlay
 * ({@code fixtures/locality-overlay}: pv-prebound's data on node-2, its claim {@code strict}),
 * and the answer each capture must get, stated here independently of Locus's code: pod-prebound
 * is kept to node-2 and scored there, pod-wffc (claim unbound) passes everywhere with equal
 * scores, pod-single keeps node-2. A do-nothing extender fails the pod-prebound checks.
 */
public final class FixtureAnswers {

    /** The overlay, loaded after the fixture manifests. */
    public static final Path OVERLAY = Path.of("src", "test", "resources", "fixtures", "locality-overlay");

    private FixtureAnswers() {
    }

    /** Every manifest file, the fixture's first and the overlay's last: later objects replace earlier ones. */
    public static List<Path> manifestFiles() {
        try (Stream<Path> fixture = Files.walk(Fixtures.MANIFESTS); Stream<Path> overlay = Files.walk(OVERLAY)) {
            return Stream.concat(fixture.filter(FixtureAnswers::yaml).sorted(), overlay.filter(FixtureAnswers::yaml).sorted())
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cluster in manifest mode: the fixture manifests, then the overlay, copied into {@code dir}. */
    public static ClusterSnapshot cluster(Path dir) {
        try {
            int i = 0;
            for (Path file : manifestFiles()) {
                Files.copy(file, dir.resolve(String.format("%02d-%s", i++, file.getFileName())));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ManifestLoader.load(dir);
    }

    private static boolean yaml(Path p) {
        return p.getFileName().toString().endsWith(".yaml");
    }

    /** Asks {@code client} what a capture asks and checks the answer kube-scheduler would take from it. */
    public static void check(Path capture, HttpExtenderClient client) {
        byte[] body = Fixtures.bytes(capture);
        List<String> offered = HttpExtenderClient.offered(body);
        boolean nodeCacheCapable = HttpExtenderClient.nodeCacheCapable(body);
        String name = capture.getFileName().toString();
        if (Fixtures.verb(capture).equals("filter")) {
            var outcome = client.filter(body, offered, nodeCacheCapable);
            Map<String, String> unresolvable = new TreeMap<>();
            List<String> passing = offered;
            if (name.contains("pod-prebound")) {
                passing = List.of("node-2");
                offered.stream().filter(n -> !n.equals("node-2")).forEach(n -> unresolvable.put(n,
                        String.format(Reasons.NO_REPLICA_STRICT, "volume pv-prebound (claim default/data-prebound)")));
            }
            assertEquals(new HashSet<>(passing), new HashSet<>(outcome.passing()), name);
            assertEquals(unresolvable, new TreeMap<>(outcome.unresolvable()), name);
            assertTrue(outcome.failed().isEmpty(), name);
        } else {
            Map<String, Long> points = client.prioritize(body, offered);
            assertEquals(new HashSet<>(offered), points.keySet(), "every offered node scored once: " + name);
            if (name.contains("pod-prebound")) {
                // node-2 holds the data (10 x weight 5 x 10); node-1 and node-3 are in other zones, no region: 0
                Map<String, Long> expected = new TreeMap<>();
                offered.forEach(n -> expected.put(n, n.equals("node-2") ? 500L : 0L));
                assertEquals(expected, new TreeMap<>(points), name);
            } else {
                assertEquals(1, new HashSet<>(points.values()).size(), "no locality known: equal scores " + points);
            }
        }
    }
}
