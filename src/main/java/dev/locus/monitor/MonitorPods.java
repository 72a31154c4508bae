package dev.locus.monitor;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The pods the leading monitor watches: one informer per {@code monitor.schedulerNames} entry,
 * each with the server-side field selector {@code spec.schedulerName=NAME} (a selectable field
 * of pods in kube-apiserver), so the cache holds Locus's pods only, not every pod of the
 * cluster. With {@code monitor.rebalance: true} it watches every pod instead: the room check
 * ({@link NodeRoom}) adds up the requests of all pods on a node, whichever scheduler placed them.
 *
 * <p>Each informer's pods are also checked against its name on the client side: an API server
 * that ignored the selector (fabric8's CRUD mock does) would otherwise hand a pod to two
 * informers, and the pass would see it twice.
 *
 * <p>Public for measuring tools (bench/: {@code MonitorPodCache}); nothing else outside the
 * package uses it. Not thread-safe: the monitor's thread owns it.
 */
public final class MonitorPods implements AutoCloseable {

    /** The field selector key: kube-apiserver's pod field label for {@code spec.schedulerName}. */
    public static final String SCHEDULER_NAME_FIELD = "spec.schedulerName";

    /** One informer, and the scheduler name its pods must have (null: every pod). */
    private record Watch(SharedIndexInformer<Pod> informer, String schedulerName) {
        List<Pod> pods() {
            List<Pod> pods = informer.getStore().list();
            return schedulerName == null ? pods
                    : pods.stream().filter(p -> p.getSpec() != null
                            && schedulerName.equals(p.getSpec().getSchedulerName())).toList();
        }
    }

    private final List<Watch> watches;

    private MonitorPods(List<Watch> watches) {
        this.watches = List.copyOf(watches);
    }

    /** Pods of {@code schedulerNames} only (one field-selected informer each); every pod when {@code rebalance}. */
    static MonitorPods start(KubernetesClient client, List<String> schedulerNames, boolean rebalance) {
        return rebalance ? every(client) : bySchedulerName(client, schedulerNames);
    }

    /**
     * Starts one informer per scheduler name (a name listed twice counts once), each listing and
     * watching only that name's pods.
     */
    public static MonitorPods bySchedulerName(KubernetesClient client, List<String> schedulerNames) {
        List<Watch> watches = new ArrayList<>();
        for (String name : new LinkedHashSet<>(schedulerNames)) {
            watches.add(new Watch(client.pods().inAnyNamespace().withField(SCHEDULER_NAME_FIELD, name)
                    .runnableInformer(0), name));
        }
        return started(watches);
    }

    /** Starts one informer over every pod of the cluster (what rebalancing needs). */
    public static MonitorPods every(KubernetesClient client) {
        return started(List.of(new Watch(client.pods().inAnyNamespace().runnableInformer(0), null)));
    }

    private static MonitorPods started(List<Watch> watches) {
        watches.forEach(w -> w.informer().start());
        return new MonitorPods(watches);
    }

    /** True once every informer has listed. */
    public boolean synced() {
        return watches.stream().allMatch(w -> w.informer().hasSynced());
    }

    /** The pods held now (each once). */
    public List<Pod> pods() {
        return watches.stream().flatMap(w -> w.pods().stream()).toList();
    }

    /** Pods the informers' caches hold, before the client-side check: what the memory holds. */
    public int cached() {
        return watches.stream().mapToInt(w -> w.informer().getStore().list().size()).sum();
    }

    /** Stops every informer. */
    @Override
    public void close() {
        watches.forEach(w -> w.informer().stop());
    }
}
