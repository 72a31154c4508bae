package dev.locus.e2e;

import dev.locus.config.LocusConfig;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import tools.jackson.databind.node.ObjectNode;

/**
 * A genuine Kubernetes v1.24 control plane on loopback for end-to-end tests: etcd,
 * kube-apiserver, kube-controller-manager and kube-scheduler as child processes on free ports,
 * plus Locus in live mode, in-process, on a free port of its own. Tests normally get one from
 * {@link ControlPlaneExtension}, which starts it once per test run and stops it at the end.
 *
 * <h2>What a test gets</h2>
 * <ul>
 *   <li>{@link #client()}: a fabric8 client with cluster-admin rights; {@link #kubeconfig()} the
 *       same credentials as a file (for kubectl, or a second client).</li>
 *   <li>{@link #createNamespace(String)}: a namespace whose {@code default} ServiceAccount exists,
 *       so pods are accepted at once.</li>
 *   <li>The scheduler: not running until a test asks. {@link #schedulerConfig(String)} reads a
 *       shipped file of {@code scheduler-config/} with only what v1.24 forces changed;
 *       {@link #startScheduler(ObjectNode)} (re)starts kube-scheduler with any such tree, so a
 *       test may add extenders or change a field first. {@link #useShippedScheduler(String)}
 *       does both and skips the restart when that file already runs.</li>
 *   <li>Locus: {@link #locus()} is the running instance (started with the control plane, default
 *       configuration); {@link #stopLocus()}, {@link #startLocus()} and
 *       {@link #startLocus(Consumer)} (a configuration tweak) stop and start it mid-test, always on
 *       the same port {@link #locusUrl()}, which the scheduler configurations point at.</li>
 *   <li>{@link #stopApiServer()} and {@link #startApiServer()}: an API-server outage; etcd keeps
 *       the data, the port stays the same.</li>
 *   <li>{@link #logDir()}: {@code etcd.log}, {@code kube-apiserver.log}, {@code kube-scheduler.log},
 *       {@code kube-controller-manager.log}, {@code locus.log} (under Failsafe) and the scheduler
 *       configurations used. A restart appends, after a {@code ==== start} line.</li>
 * </ul>
 *
 * <h2>Lifecycle</h2>
 * {@link #start} makes the PKI, starts etcd, the apiserver (waits for {@code /readyz}), the
 * controller manager (waits for {@code /healthz} and the {@code default} ServiceAccount) and
 * Locus. {@link #close} stops Locus, the scheduler and controller manager, then the apiserver,
 * then etcd, and deletes etcd's data and the keys; a JVM shutdown hook kills whatever is left
 * if a run ends without {@code close}. Nodes are API objects (there is no kubelet): see
 * {@link Cluster} for Ready nodes, pre-bound volumes and pods.
 */
public final class ControlPlane implements AutoCloseable {

    /** The controllers kube-controller-manager runs: no nodelifecycle, fake nodes must stay Ready. */
    static final String CONTROLLERS = "serviceaccount,serviceaccount-token,namespace,garbagecollector,"
            + "persistentvolume-binder,pvc-protection,pv-protection,root-ca-cert-publisher,replicaset,deployment,"
            + "statefulset,job";

    /** Locus's log in {@link #logDir()}, when the build points slf4j-simple at it (pom.xml, Failsafe). */
    static final String LOCUS_LOG = "locus.log";

    private final Binaries bin;
    private final Path runDir;
    private final Path logDir;
    private final Path pki;
    private final Ports ports;
    private final Component etcd;
    private final Component apiServer;
    private final Component controllerManager;
    private Component scheduler;
    private String schedulerFile;
    private int schedulerStarts;
    private KubernetesClient client;
    private LiveLocus locus;
    private final Thread killer = new Thread(this::kill, "e2e-control-plane-killer");

    /** Free loopback ports, picked once. */
    record Ports(int etcd, int etcdPeer, int api, int scheduler, int controllerManager, int locus) {
        static Ports pick() {
            return new Ports(LiveLocus.freePort(), LiveLocus.freePort(), LiveLocus.freePort(), LiveLocus.freePort(),
                    LiveLocus.freePort(), LiveLocus.freePort());
        }
    }

    private ControlPlane(Binaries bin, Path workDir) throws IOException {
        this.bin = bin;
        this.runDir = workDir.toAbsolutePath().resolve("run");
        this.logDir = workDir.toAbsolutePath().resolve("logs");
        deleteTree(runDir);
        Files.createDirectories(logDir);
        clearLogs(logDir);
        this.ports = Ports.pick();
        this.pki = KubePki.create(runDir.resolve("pki"), apiUrl());
        this.etcd = new Component("etcd", ComponentCommands.etcd(bin.etcd(), runDir.resolve("etcd"), ports), logDir);
        this.apiServer = new Component("kube-apiserver", ComponentCommands.apiServer(bin.apiServer(), pki, ports), logDir);
        this.controllerManager = new Component("kube-controller-manager",
                ComponentCommands.controllerManager(bin.controllerManager(), pki, ports), logDir);
    }

    /**
     * Starts etcd, the apiserver, the controller manager and Locus under {@code workDir}
     * ({@code run/} is wiped now and deleted by {@link #close}; {@code logs/} stays).
     */
    public static ControlPlane start(Binaries bin, Path workDir) {
        ControlPlane plane;
        try {
            plane = new ControlPlane(bin, workDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(plane.killer);
        try {
            plane.startAll();
        } catch (RuntimeException | Error e) {
            plane.close();
            throw e;
        }
        return plane;
    }

    private void startAll() {
        etcd.start();
        etcd.awaitHealthy(URI.create("http://127.0.0.1:" + ports.etcd() + "/health"), LiveLocus.trustAll());
        startApiServer();
        client = new KubernetesClientBuilder().withConfig(kubeConfig()).build();
        controllerManager.start();
        controllerManager.awaitHealthy(URI.create("https://127.0.0.1:" + ports.controllerManager() + "/healthz"),
                LiveLocus.trustAll());
        awaitServiceAccount("default");
        startLocus();
    }

    public KubernetesClient client() {
        return client;
    }

    /** The cluster-admin kubeconfig file. */
    public Path kubeconfig() {
        return pki.resolve("admin.kubeconfig");
    }

    public Path logDir() {
        return logDir;
    }

    public String apiUrl() {
        return "https://127.0.0.1:" + ports.api();
    }

    /** Where Locus serves, whether or not it runs now; the scheduler configurations point here. */
    public URI locusUrl() {
        return URI.create("http://127.0.0.1:" + ports.locus());
    }

    /** The running Locus; fails when it is stopped. */
    public LiveLocus locus() {
        if (locus == null) {
            throw new IllegalStateException("Locus is stopped");
        }
        return locus;
    }

    /** Starts Locus with the default configuration (no-op when it runs). */
    public void startLocus() {
        startLocus(config -> { });
    }

    /** Starts Locus with the default configuration changed by {@code tweak}; stops a running one first. */
    public void startLocus(Consumer<LocusConfig.Builder> tweak) {
        stopLocus();
        LocusConfig.Builder config = LocusConfig.builder().host("127.0.0.1").port(ports.locus());
        tweak.accept(config);
        locus = LiveLocus.start(kubeConfig(), config.build());
    }

    /** Stops Locus (its server and informers); the scheduler then gets connection errors. */
    public void stopLocus() {
        if (locus != null) {
            locus.close();
            locus = null;
        }
    }

    /** Starts the apiserver (again, after {@link #stopApiServer}) and waits for {@code /readyz}. */
    public void startApiServer() {
        apiServer.start();
        apiServer.awaitHealthy(URI.create(apiUrl() + "/readyz"), LiveLocus.trustAll());
    }

    /** Stops the apiserver; etcd keeps the cluster. */
    public void stopApiServer() {
        apiServer.stop();
    }

    /** The tree of {@code scheduler-config/FILE} with what v1.24 forces changed; see {@link SchedulerConfigs}. */
    public ObjectNode schedulerConfig(String file) {
        return SchedulerConfigs.shipped(file, locusUrl(), pki.resolve("scheduler.kubeconfig"));
    }

    /** Runs kube-scheduler with the shipped {@code file}, unless it already runs with it. */
    public void useShippedScheduler(String file) {
        if (!file.equals(schedulerFile) || scheduler == null || !scheduler.alive()) {
            startScheduler(schedulerConfig(file));
            schedulerFile = file;
        }
    }

    /** (Re)starts kube-scheduler with {@code config} and waits for its {@code /healthz}. */
    public void startScheduler(ObjectNode config) {
        stopScheduler();
        Path file = logDir.resolve("scheduler-config-" + (++schedulerStarts) + ".yaml");
        SchedulerConfigs.write(config, file);
        scheduler = new Component("kube-scheduler", ComponentCommands.scheduler(bin.scheduler(), file, pki, ports),
                logDir);
        scheduler.start();
        scheduler.awaitHealthy(URI.create("https://127.0.0.1:" + ports.scheduler() + "/healthz"),
                LiveLocus.trustAll());
    }

    /** Stops kube-scheduler (two SIGTERMs). */
    public void stopScheduler() {
        if (scheduler != null) {
            scheduler.stop();
            scheduler = null;
            schedulerFile = null;
        }
    }

    /** Creates namespace {@code name} and waits for its {@code default} ServiceAccount. */
    public void createNamespace(String name) {
        client.namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder()
                .withNewMetadata().withName(name).endMetadata().build()).create();
        awaitServiceAccount(name);
    }

    private void awaitServiceAccount(String namespace) {
        Awaitility.await("ServiceAccount " + namespace + "/default").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> client.serviceAccounts().inNamespace(namespace).withName("default").get() != null);
    }

    private Config kubeConfig() {
        try {
            return Config.fromKubeconfig(Files.readString(kubeconfig()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops everything, clients first, and deletes etcd's data and the keys. */
    @Override
    public void close() {
        stopLocus();
        if (client != null) {
            client.close();
        }
        List<Component> order = new ArrayList<>();
        if (scheduler != null) {
            order.add(scheduler);
        }
        order.addAll(List.of(controllerManager, apiServer, etcd));
        order.forEach(Component::stop);
        scheduler = null;
        try {
            Runtime.getRuntime().removeShutdownHook(killer);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or will; nothing is left for it to do
        }
        deleteTree(runDir);
    }

    private void kill() {
        for (Component c : new Component[] {scheduler, controllerManager, apiServer, etcd}) {
            if (c != null) {
                c.kill();
            }
        }
    }

    /** Deletes the previous run's logs but Locus's, which slf4j-simple may hold open already. */
    private static void clearLogs(Path dir) throws IOException {
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                if (!file.getFileName().toString().equals(LOCUS_LOG)) {
                    Files.delete(file);
                }
            }
        }
    }

    static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
