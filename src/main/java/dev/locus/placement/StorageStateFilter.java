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

    private static final Status DOWN = Status.unschedulable(Reasons.STORAGE_DOWN);

    @Override
    public Status filter(CycleState state, NodeView node) {
        return StorageState.of(node.annotations()) == StorageState.DOWN ? DOWN : Status.SUCCESS;
    }

    /** Judges by the states the candidates were resolved with (the same annotations, read once). */
    @Override
    public void filter(CycleState state, Candidates candidates, Status[] verdicts) {
        for (int i = 0; i < verdicts.length; i++) {
            if (verdicts[i] == null && candidates.state(i) == StorageState.DOWN) {
                verdicts[i] = DOWN;
            }
        }
    }
}
