package dev.locus.placement;

import dev.locus.cluster.LonghornNodeInfo;
import dev.locus.locality.LonghornReplicaLocality;

/**
 * A node whose storage is {@code down} (annotation {@code locus.dev/storage-state}) cannot
 * serve the pod's volumes now, but may recover: Unschedulable (FailedNodes), so kube-scheduler
 * keeps the node in play for preemption and retries. {@code degraded} is a score penalty,
 * not a filter.
 *
 * <p>For a pod with a Longhorn volume (CSI driver {@value LonghornReplicaLocality#DRIVER}, of
 * the bound PV or of an unbound claim's StorageClass), a node whose Longhorn Node object
 * ({@code nodes.longhorn.io}) has its {@code Ready} condition not True is ruled out too:
 * Longhorn's manager refuses to attach a volume to a node it reports not Ready (manager or
 * instance-manager pod down, Kubernetes node not ready or gone), so the pod would sit in
 * ContainerCreating. UnschedulableAndUnresolvable (FailedAndUnresolvableNodes): the state
 * may recover, but evicting pods from the node cannot bring Longhorn back, so preemption must
 * skip it, as kube-scheduler's own NodeUnschedulable and TaintToleration (not-ready taint)
 * verdicts do; the pod is retried either way. A node whose disks are all down but whose
 * Longhorn Node is Ready can still attach (the engine reads replicas elsewhere): not
 * rejected here, only its replicas stop counting ({@link ClusterIndex#healthy}). A node
 * without a Longhorn Node object, or one without conditions yet, is not judged.
 */
public final class StorageStateFilter implements FilterPlugin {

    @Override
    public String name() {
        return "StorageState";
    }

    private static final Status DOWN = Status.unschedulable(Reasons.STORAGE_DOWN);

    @Override
    public Status filter(CycleState state, NodeView node) {
        if (StorageState.of(node.annotations()) == StorageState.DOWN) {
            return DOWN;
        }
        PodVolume longhorn = longhornVolume(state);
        return longhorn == null ? Status.SUCCESS
                : verdict(state, longhorn, state.index().longhornNotReady(node.ordinal(), node.name()));
    }

    /** Judges by the states the candidates were resolved with (the same annotations, read once). */
    @Override
    public void filter(CycleState state, Candidates candidates, Status[] verdicts) {
        for (int i = 0; i < verdicts.length; i++) {
            if (verdicts[i] == null && candidates.state(i) == StorageState.DOWN) {
                verdicts[i] = DOWN;
            }
        }
        PodVolume longhorn = longhornVolume(state);
        if (longhorn == null) {
            return;
        }
        for (int i = 0; i < verdicts.length; i++) {
            if (verdicts[i] == null) {
                int o = candidates.ordinal(i);
                Status status = verdict(state, longhorn,
                        state.index().longhornNotReady(o, o >= 0 ? null : candidates.name(i)));
                verdicts[i] = status.isSuccess() ? null : status;
            }
        }
    }

    private static Status verdict(CycleState state, PodVolume v, LonghornNodeInfo notReady) {
        if (notReady == null) {
            return Status.SUCCESS;
        }
        String reason = notReady.readyReason();
        // keyed by Longhorn's reason itself: no String made per rejected node (all 5,000 may be down at once)
        return state.rejections().of(v, reason, () -> Status.unresolvable(
                String.format(Reasons.LONGHORN_NODE_NOT_READY, v.describe(), reason)));
    }

    /** The pod's first Longhorn volume, or null when it has none (or no Longhorn node is down). */
    private static PodVolume longhornVolume(CycleState state) {
        if (!state.index().anyLonghornNotReady()) {
            return null;
        }
        for (PodVolume v : state.volumes()) {
            if (LonghornReplicaLocality.DRIVER.equals(v.driver())) {
                return v;
            }
        }
        return null;
    }
}
