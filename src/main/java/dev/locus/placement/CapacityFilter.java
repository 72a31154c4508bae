package dev.locus.placement;

import dev.locus.cluster.StorageCapacityInfo;
import dev.locus.cluster.StorageClassInfo;
import java.util.List;

/**
 * A claim not yet bound whose StorageClass binds on first consumer (WaitForFirstConsumer)
 * will be provisioned where the pod lands, so the node's topology segment must have room:
 * some CSIStorageCapacity of the class covering the node must offer at least the request
 * (its maximumVolumeSize when reported, else its capacity), as kube-scheduler's volume binder
 * checks. Otherwise Unschedulable (FailedNodes): capacity frees up as volumes are deleted.
 *
 * <p>A class with no CSIStorageCapacity objects at all is not judged: its driver does not
 * publish capacity. Nor is a node whose labels are unknown (NodeNames mode, a node newer
 * than the snapshot): no segment can be matched, and absence proves nothing. Each claim is checked on its own, as the volume binder does; two claims
 * that each fit but not together are the provisioner's to refuse.
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
        for (PodVolume v : state.volumes()) {
            if (v.claim() == null || v.claim().bound()) {
                continue;
            }
            StorageClassInfo sc = state.cluster().storageClass(v.claim().storageClass());
            if (sc == null || !sc.waitForFirstConsumer()) {
                continue;
            }
            List<StorageCapacityInfo> capacities = state.cluster().capacities(sc.name());
            if (capacities.isEmpty()) {
                continue;
            }
            long limit = node.ordinal() >= 0 ? state.index().capacityLimit(sc.name(), node.ordinal())
                    : Capacities.limit(capacities, node.labels());
            Status status = verdict(state.rejections(), v, sc.name(), limit);
            if (!status.isSuccess()) {
                return status;
            }
        }
        return Status.SUCCESS;
    }

    /** The verdict for one claim; only the shortfall's reason names the node's limit, so only it is made per node. */
    private static Status verdict(Rejections rejections, PodVolume v, String storageClass, long limit) {
        if (limit == Capacities.NO_SEGMENT) {
            return rejections.of(v, Reasons.NO_CAPACITY_SEGMENT, () -> Status.unschedulable(
                    String.format(Reasons.NO_CAPACITY_SEGMENT, "claim " + v.claimName(), storageClass)));
        }
        if (limit < 0) {
            return rejections.of(v, Reasons.CAPACITY_UNREPORTED, () -> Status.unschedulable(
                    String.format(Reasons.CAPACITY_UNREPORTED, "claim " + v.claimName(), storageClass)));
        }
        long request = v.claim().requestBytes();
        return limit < request ? Status.unschedulable(String.format(Reasons.INSUFFICIENT_CAPACITY,
                "claim " + v.claimName(), storageClass, limit, request)) : Status.SUCCESS;
    }
}
