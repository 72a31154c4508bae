package dev.locus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locus.deploy.ShippedJvm;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.node.ObjectNode;

/**
 * A measuring tool, not a test of speed: how fast the genuine kube-scheduler binds pods with
 * Locus as its extender, against the same scheduler without any extender. 150 nodes (3 zones,
 * 5 racks each), 300 pods with one pre-bound volume each (2 replicas), the shipped
 * {@code http-nodenames.yaml} ({@code percentageOfNodesToScore: 100}). Each round creates the
 * 300 pods and waits until all are bound; its rate is 300 over the time from the first create
 * to the last binding. Rounds:
 * <ol>
 *   <li>no extender: the scheduler alone (the 100 %);</li>
 *   <li>Locus just started: a new Locus process ({@code java -jar target/locus.jar serve}, live
 *       mode, the deployment's JVM flags), measured as soon as {@code /readyz} answers 200;</li>
 *   <li>the same Locus again: warm;</li>
 *   <li>no extender again, so a drift of the machine's load shows.</li>
 * </ol>
 * Locus runs as a child process, not in the test JVM, so "just started" means a cold JIT.
 * It asserts only that every pod is bound, and writes {@code target/e2e/scheduling-rate.md}.
 * <pre>
 * mvn -B verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dlocus.e2e.assets=DIR \
 *     -Dit.test=SchedulingRateE2E -Dlocus.e2e.rate=true [-Dlocus.e2e.rate.jar=target/locus.jar] \
 *     [-Dlocus.e2e.rate.jvm="-Xmx768m -XX:+UseG1GC"]
 * </pre>
 * The child's JVM flags, unless {@code locus.e2e.rate.jvm} replaces them: the base Deployment's
 * {@code JAVA_TOOL_OPTIONS} (ZGC), with {@code -XX:MaxRAM} at its memory limit ({@link ShippedJvm}).
 */
@ExtendWith(ControlPlaneExtension.class)
@EnabledIfSystemProperty(named = "locus.e2e.rate", matches = "true")
class SchedulingRateE2E {

    static final String NAMESPACE = "rate";
    static final int NODES = 150;
    static final int PODS = 300;
    static final int RACKS_PER_ZONE = 5;
    static final Duration BOUND_TIMEOUT = Duration.ofMinutes(5);

    private final Random random = new Random(7);

    @Test
    void podsPerSecondWithAndWithoutLocus(ControlPlane plane) throws IOException {
        KubernetesClient client = plane.client();
        List<String> nodes = IntStream.range(0, NODES).mapToObj(i -> String.format("rate-%03d", i)).toList();
        nodes.forEach(n -> createNode(client, n, nodes.indexOf(n)));
        plane.createNamespace(NAMESPACE);
        Cluster cluster = new Cluster(client, NAMESPACE);
        List<String> claims = IntStream.range(0, PODS).mapToObj(i -> "data-" + i).toList();
        for (String claim : claims) {
            cluster.volume(claim, "10Gi", pick(nodes), Map.of());
        }
        // not Cluster.awaitClaimsBound: binding 300 claims takes the controller manager over its minute on a busy machine
        Awaitility.await("claims Bound").atMost(BOUND_TIMEOUT).pollInterval(Duration.ofSeconds(1))
                .until(() -> client.persistentVolumeClaims().inNamespace(NAMESPACE).list().getItems().stream()
                        .filter(c -> "Bound".equals(c.getStatus().getPhase())).count() >= PODS);
        plane.stopLocus(); // the child process takes its port
        List<String> report = new ArrayList<>();
        try {
            ObjectNode alone = plane.schedulerConfig("http-nodenames.yaml");
            alone.remove("extenders");
            plane.startScheduler(alone);
            report.add(round(client, cluster, "no extender", 1));
            plane.startScheduler(plane.schedulerConfig("http-nodenames.yaml"));
            try (ChildLocus locus = ChildLocus.start(plane)) {
                report.add(round(client, cluster, "Locus, measured as soon as /readyz is 200 (" + locus.readyMillis()
                        + " ms after launch)", 2));
                report.add(round(client, cluster, "Locus, warm (the same process again)", 3));
            }
            plane.startScheduler(alone);
            report.add(round(client, cluster, "no extender, again (the machine's load may have moved)", 4));
        } finally {
            plane.stopScheduler();
            plane.startLocus();
            cluster.deleteAll();
            nodes.forEach(n -> client.nodes().withName(n).delete());
        }
        write(report);
    }

    /** Creates the pods of round {@code n}, waits until all are bound, deletes them; one report line. */
    private String round(KubernetesClient client, Cluster cluster, String what, int n) {
        settle(client, cluster, n);
        List<String> pods = IntStream.range(0, PODS).mapToObj(i -> "r" + n + "-" + i).toList();
        long start = System.nanoTime();
        for (int i = 0; i < PODS; i++) {
            cluster.pod(pods.get(i), "100m", List.of("data-" + i), Map.of());
        }
        Set<String> bound = awaitBound(client, pods);
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(PODS, bound.size());
        String line = String.format(Locale.ROOT, "| %s | %d | %.2f | %.1f | %s |", what, PODS, seconds, PODS / seconds,
                loadAverage());
        System.out.println("scheduling rate: " + line);
        client.pods().inNamespace(NAMESPACE).withGracePeriod(0).delete();
        Awaitility.await("pods of round " + n + " gone").atMost(BOUND_TIMEOUT).pollInterval(Duration.ofMillis(200))
                .until(() -> client.pods().inNamespace(NAMESPACE).list().getItems().isEmpty());
        return line;
    }

    /**
     * One pod without volumes, bound and deleted before a round: a scheduler that was just
     * (re)started has listed the cluster by then, so its start-up is not part of the round.
     */
    private static void settle(KubernetesClient client, Cluster cluster, int n) {
        String pod = "settle-" + n;
        cluster.pod(pod, "10m", List.of(), Map.of());
        awaitBound(client, List.of(pod));
        client.pods().inNamespace(NAMESPACE).withName(pod).withGracePeriod(0).delete();
        Awaitility.await(pod + " gone").atMost(BOUND_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> client.pods().inNamespace(NAMESPACE).withName(pod).get() == null);
    }

    /** Waits until every pod of {@code pods} has a node; polls every 100 ms. */
    private static Set<String> awaitBound(KubernetesClient client, List<String> pods) {
        return Awaitility.await("pods bound").atMost(BOUND_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> client.pods().inNamespace(NAMESPACE).list().getItems().stream()
                        .filter(p -> p.getSpec().getNodeName() != null).map(p -> p.getMetadata().getName())
                        .filter(pods::contains).collect(Collectors.toSet()), bound -> bound.size() == pods.size());
    }

    private List<String> pick(List<String> nodes) {
        int a = random.nextInt(nodes.size());
        int b = (a + 1 + random.nextInt(nodes.size() - 1)) % nodes.size();
        return List.of(nodes.get(a), nodes.get(b));
    }

    /** Node {@code i}: zone i mod 3, one of 5 racks there, 8 CPUs, Ready. */
    private static void createNode(KubernetesClient client, String name, int i) {
        if (client.nodes().withName(name).get() != null) {
            return;
        }
        String zone = Cluster.ZONES[i % Cluster.ZONES.length];
        String rack = "rack-" + zone + "-" + (i / Cluster.ZONES.length) % RACKS_PER_ZONE;
        Node node = client.nodes().resource(new NodeBuilder().withNewMetadata().withName(name)
                .addToLabels("kubernetes.io/hostname", name).addToLabels("topology.kubernetes.io/region", "region-1")
                .addToLabels(Cluster.ZONE_LABEL, "zone-" + zone).addToLabels(Cluster.RACK_LABEL, rack)
                .endMetadata().build()).create();
        Map<String, Quantity> resources = Map.of("cpu", new Quantity("8"), "memory", new Quantity("32Gi"),
                "pods", new Quantity("110"));
        node.setStatus(new NodeStatusBuilder().withAllocatable(resources).withCapacity(resources).addNewCondition()
                .withType("Ready").withStatus("True").withReason("KubeletReady").withMessage("e2e node").endCondition()
                .build());
        client.nodes().resource(node).updateStatus();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim().split(" ", 4)[0];
        } catch (IOException e) {
            return "?";
        }
    }

    private static void write(List<String> rounds) throws IOException {
        Path file = ControlPlaneExtension.WORK_DIR.resolve("scheduling-rate.md");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "| round | pods | seconds | pods/s | load (1 min) after |\n|---|---|---|---|---|\n"
                + String.join("\n", rounds) + "\n");
        System.out.println("wrote " + file);
    }

    /** Locus as a child process in live mode on the port the scheduler calls; stopped on close. */
    private record ChildLocus(Process process, long readyMillis) implements AutoCloseable {

        static ChildLocus start(ControlPlane plane) throws IOException {
            Path jar = Path.of(System.getProperty("locus.e2e.rate.jar", "target/locus.jar"));
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString()));
            String jvm = System.getProperty("locus.e2e.rate.jvm");
            command.addAll(jvm == null ? ShippedJvm.flags() : List.of(jvm.trim().split("\\s+")));
            command.addAll(List.of("-jar", jar.toString(), "serve", "--host", "127.0.0.1", "--port",
                    String.valueOf(plane.locusUrl().getPort())));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(plane.logDir().resolve("locus-child.log").toFile());
            builder.environment().put("KUBECONFIG", plane.kubeconfig().toAbsolutePath().toString());
            long start = System.nanoTime();
            Process process = builder.start();
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest readyz = HttpRequest.newBuilder(URI.create(plane.locusUrl() + "/readyz"))
                    .timeout(Duration.ofSeconds(2)).build();
            Awaitility.await("child Locus ready").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50))
                    .ignoreExceptions().until(() -> http.send(readyz, HttpResponse.BodyHandlers.discarding())
                            .statusCode() == 200);
            return new ChildLocus(process, (System.nanoTime() - start) / 1_000_000);
        }

        @Override
        public void close() {
            process.destroy();
            try {
                if (!process.waitFor(15, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }
}
