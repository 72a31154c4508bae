package dev.locus.placement;

import dev.locus.cluster.StorageClassInfo;

/**
 * Claims not yet bound whose StorageClass binds on first consumer (WaitForFirstConsumer)
 * will be provisioned where the pod lands, so the node's topology segment must have room.
 *
 * <p>Each claim on its own, as kube-scheduler's volume binder checks: some CSIStorageCapacity
 * of the class covering the node must offer at least the request (its maximumVolumeSize
 * when reported, else its capacity). Then the pod's claims together: the provisioner will
 * carve all of them out of the same pool, the class's segment covering the node, so when
 * two or more of them share a class their sum must fit in the best free capacity (the
 * objects' {@code capacity}) reported for the node. Otherwise Unschedulable (FailedNodes):
 * capacity frees up as volumes are deleted. A pool is a (StorageClass, node) pair: two
 * classes of one driver may or may not draw on the same disks, and nothing published says which.
 *
 * <p>Judged only when the class's provisioner is a CSI driver whose CSIDriver object has
 * {@code spec.storageCapacity: true}, as the volume binder does: a driver that does not publish
 * capacity is not judged, and one that does is judged even where it published no object for a
 * node (no segment covers it). Nor is a node whose labels are unknown (NodeNames mode, a node
 * newer than the snapshot): no segment can be matched, and absence proves nothing.
 */
public final class CapacityFilter implements FilterPlugin {

    @Override
    public String name() {
        return "StorageCapacity";
    }

    @Override
    public Status filter(CycleState state, NodeView node) {
        if (!node.known()) {
            return Status.SUCCESS;
        }
        for (int i = 0; i < state.volumes().size(); i++) {
            StorageClassInfo sc = judgedClass(state, state.volumes().get(i));
            if (sc != null) {
                Status status = verdict(state, node, sc, i);
                if (!status.isSuccess()) {
                    return status;
                }
            }
        }
        return Status.SUCCESS;
    }

    /** Node by node, and only when some claim is judged at all (most pods have none). */
    @Override
    public void filter(CycleState state, Candidates candidates, Status[] verdicts) {
        if (state.volumes().stream().anyMatch(v -> judgedClass(state, v) != null)) {
            FilterPlugin.super.filter(state, candidates, verdicts);
        }
    }

    /** The class whose capacity must hold {@code v}, or null when v is not judged. */
    private static StorageClassInfo judgedClass(CycleState state, PodVolume v) {
        if (v.claim() == null || v.claim().bound()) {
            return null;
        }
        StorageClassInfo sc = state.cluster().storageClass(v.claim().storageClass());
        return sc != null && sc.waitForFirstConsumer() && state.cluster().publishesCapacity(sc.provisioner()) ? sc : null;
    }

    /** Claim {@code i} on its own, then, at the first claim of its class, the class's claims together. */
    private static Status verdict(CycleState state, NodeView node, StorageClassInfo sc, int i) {
        PodVolume v = state.volumes().get(i);
        long limit = offer(state, node, sc, false);
        if (limit < 0) { // no segment (NO_SEGMENT is negative) or none reported: one reason per volume, made once
            String reason = limit == Capacities.NO_SEGMENT ? Reasons.NO_CAPACITY_SEGMENT : Reasons.CAPACITY_UNREPORTED;
            return state.rejections().of(v, reason,
                    () -> Status.unschedulable(String.format(reason, "claim " + v.claimName(), sc.name())));
        }
        long request = v.claim().requestBytes();
        if (limit < request) {
            return Status.unschedulable(String.format(Reasons.INSUFFICIENT_CAPACITY, "claim " + v.claimName(), sc.name(),
                    limit, request));
        }
        return firstOfClass(state, sc, i) ? together(state, node, sc) : Status.SUCCESS;
    }

    private static boolean firstOfClass(CycleState state, StorageClassInfo sc, int i) {
        for (int j = 0; j < i; j++) {
            if (sc.equals(judgedClass(state, state.volumes().get(j)))) {
                return false;
            }
        }
        return true;
    }

    /** The sum of the pod's claims of {@code sc} against the node's best free capacity. */
    private static Status together(CycleState state, NodeView node, StorageClassInfo sc) {
        int count = 0;
        long sum = 0;
        for (PodVolume w : state.volumes()) {
            if (sc.equals(judgedClass(state, w))) {
                count++;
                sum += w.claim().requestBytes();
            }
        }
        if (count < 2) {
            return Status.SUCCESS;
        }
        long free = offer(state, node, sc, true);
        return free >= 0 && free < sum ? Status.unschedulable(String.format(Reasons.INSUFFICIENT_CAPACITY_TOGETHER,
                count, sc.name(), sum, free)) : Status.SUCCESS;
    }

    private static long offer(CycleState state, NodeView node, StorageClassInfo sc, boolean free) {
        if (node.ordinal() < 0) {
            return Capacities.offer(state.cluster().capacities(sc.name()), node.labels(), free);
        }
        return free ? state.index().capacityFree(sc.name(), node.ordinal())
                : state.index().capacityLimit(sc.name(), node.ordinal());
    }
}
