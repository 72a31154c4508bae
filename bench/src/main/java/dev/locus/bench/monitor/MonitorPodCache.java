package dev.locus.bench.monitor;

import dev.locus.monitor.MonitorPods;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Heap the health monitor's pod cache retains: the leader's informers over every pod (what it
 * watched before, and still watches with {@code monitor.rebalance: true}) against one informer
 * per scheduler name with the field selector {@code spec.schedulerName} (what it watches now),
 * through {@link MonitorPods}, the monitor's own code. Measured as LiveFootprint measures:
 * {@code MemoryMXBean} heap after full collections, with the informers synced, minus the same
 * before they started.
 *
 * <pre>
 * KUBECONFIG=... java -Xmx1g -XX:+UseG1GC -cp bench/target/benchmarks.jar \
 *     dev.locus.bench.monitor.MonitorPodCache every|selector [pods] [locusPercent]
 * </pre>
 * One way per JVM ({@code every}: an informer over every pod; {@code selector}: one per scheduler
 * name), so neither measurement sees the other's garbage or a cache still being released.
 * Needs a real API server (a field selector is the server's job; fabric8's mock ignores it):
 * the genuine v1.24 control plane of the e2e tests will do. Creates, once, {@code pods} pods
 * (default 10,000) in namespace {@code pod-cache}, {@code locusPercent} (10) of them with
 * {@code schedulerName: locus-scheduler}, the rest {@code default-scheduler}, each shaped like a
 * StatefulSet member (labels, one container with requests, a claim; no owner reference, which
 * the garbage collector would follow to a StatefulSet that does not exist and delete the pod); the API
 * server adds what admission adds (service-account volume, tolerations, defaults, managedFields).
 */
public final class MonitorPodCache {

    private static final String NAMESPACE = "pod-cache";
    private static final String LOCUS = "locus-scheduler";

    private MonitorPodCache() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length == 0 || !List.of("every", "selector").contains(args[0])) {
            throw new IllegalArgumentException("usage: MonitorPodCache every|selector [pods] [locusPercent]");
        }
        boolean every = args[0].equals("every");
        int pods = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int percent = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        try (KubernetesClient client = new KubernetesClientBuilder().build()) {
            create(client, pods, percent);
            System.out.printf(Locale.ROOT, "%d pods in %s, %d%% with schedulerName %s; JDK %s, max heap %d MB%n",
                    pods, NAMESPACE, percent, LOCUS, Runtime.version(), Runtime.getRuntime().maxMemory() >> 20);
            client.pods().inNamespace(NAMESPACE).list(new io.fabric8.kubernetes.api.model.ListOptionsBuilder()
                    .withLimit(1L).build()); // loads the classes a list needs
            if (every) {
                measure("every pod (before; and with rebalance)", () -> MonitorPods.every(client));
            } else {
                measure("spec.schedulerName=" + LOCUS + " (after)", () -> MonitorPods.bySchedulerName(client,
                        List.of(LOCUS)));
            }
        }
    }

    private static void measure(String what, Supplier<MonitorPods> start) throws InterruptedException {
        long before = heapAfterGc();
        long started = System.nanoTime();
        try (MonitorPods pods = start.get()) {
            while (!pods.synced()) {
                Thread.sleep(50); // a tool waiting for a background list, not a test
            }
            long syncMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
            long retained = heapAfterGc() - before;
            int cached = pods.cached();
            System.out.printf(Locale.ROOT, "%-45s pods cached %6d, retained heap %7.1f MB (%,d bytes/pod), synced in %d ms%n",
                    what, cached, retained / 1048576.0, cached == 0 ? 0 : retained / cached, syncMs);
        }
    }

    /** Creates the pods the namespace lacks (pod-0 ... pod-N-1), four requests at a time. */
    private static void create(KubernetesClient client, int pods, int percent) throws InterruptedException {
        if (client.namespaces().withName(NAMESPACE).get() == null) {
            client.resource(new NamespaceBuilder().withNewMetadata().withName(NAMESPACE).endMetadata().build()).create();
        }
        while (client.serviceAccounts().inNamespace(NAMESPACE).withName("default").get() == null) {
            Thread.sleep(200); // pods are refused until the controller manager made the default ServiceAccount
        }
        Set<String> have = client.pods().inNamespace(NAMESPACE).list().getItems().stream()
                .map(p -> p.getMetadata().getName()).collect(Collectors.toSet());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        int step = Math.max(1, 100 / Math.max(1, percent));
        IntStream.range(0, pods).filter(i -> !have.contains("pod-" + i))
                .forEach(i -> pool.execute(() -> client.resource(pod(i, i % step == 0)).create()));
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.HOURS);
        int now = client.pods().inNamespace(NAMESPACE).list().getItems().size();
        if (now != pods) {
            throw new IllegalStateException(now + " pods in " + NAMESPACE + ", expected " + pods);
        }
    }

    private static Pod pod(int i, boolean locus) {
        String set = "db-" + (i / 3);
        return new PodBuilder().withNewMetadata().withNamespace(NAMESPACE).withName("pod-" + i)
                .addToLabels("app", set).addToLabels("controller-revision-hash", set + "-7d9c8b6f5")
                .addToLabels("statefulset.kubernetes.io/pod-name", "pod-" + i).endMetadata()
                .withNewSpec().withSchedulerName(locus ? LOCUS : "default-scheduler")
                .addNewContainer().withName("app").withImage("registry.example.com/db:1.2.3")
                .addNewPort().withContainerPort(5432).withName("db").endPort()
                .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
                .endFieldRef().endValueFrom().endEnv()
                .withNewResources().addToRequests("cpu", new Quantity("250m")).addToRequests("memory", new Quantity("512Mi"))
                .addToLimits("memory", new Quantity("1Gi")).endResources()
                .addNewVolumeMount().withName("data").withMountPath("/var/lib/db").endVolumeMount().endContainer()
                .addNewVolume().withName("data").withNewPersistentVolumeClaim().withClaimName("data-pod-" + i)
                .endPersistentVolumeClaim().endVolume()
                .endSpec().build();
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
