package dev.locus.placement;

/**
 * A node whose storage is {@code down} (annotation {@code locus.dev/storage-state}) cannot
 * serve the pod's volumes now, but may recover: Unschedulable (FailedNodes), so kube-scheduler
 * keeps the node in play for preemption and retries. {@code degraded} is a score penalty,
 * not a filter.
 */
public final class StorageStateFilter implements FilterPlugin {

    @Override
    public String name() {
        return "StorageState";
    }

    @Override
    public Status filter(CycleState state, NodeView node) {
        return StorageState.of(node.annotations()) == StorageState.DOWN ? Status.unschedulable(Reasons.STORAGE_DOWN)
                : Status.SUCCESS;
    }
}
