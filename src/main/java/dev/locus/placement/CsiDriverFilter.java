package dev.locus.placement;

import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * A node whose CSINode does not list a volume's CSI driver cannot mount it, and preemption
 * cannot change that (UnschedulableAndUnresolvable). The driver is {@link PodVolume#driver}:
 * the bound PV's {@code spec.csi.driver}, or for an unbound claim its StorageClass's
 * provisioner (unless it is an in-tree {@code kubernetes.io/...} one). A node without a
 * CSINode object in the snapshot is not judged: manifests often omit them, and absence
 * proves nothing.
 */
public final class CsiDriverFilter implements FilterPlugin {

    @Override
    public String name() {
        return "CSIDriver";
    }

    @Override
    public Status filter(CycleState state, NodeView node) {
        return verdict(state, state.cluster().csiDrivers(node.name()), drivers(state));
    }

    /** Judges by snapshot ordinal: each node's CSINode drivers are looked up once per snapshot. */
    @Override
    public void filter(CycleState state, Candidates candidates, Status[] verdicts) {
        String[] drivers = drivers(state);
        if (Arrays.stream(drivers).allMatch(Objects::isNull)) {
            return;
        }
        for (int i = 0; i < verdicts.length; i++) {
            if (verdicts[i] == null) {
                int o = candidates.ordinal(i);
                Set<String> installed = o >= 0 ? state.index().csiDrivers(o)
                        : state.cluster().csiDrivers(candidates.name(i));
                Status status = verdict(state, installed, drivers);
                verdicts[i] = status.isSuccess() ? null : status;
            }
        }
    }

    /** The first volume whose driver {@code installed} lacks; a node without a CSINode (null) is not judged. */
    private static Status verdict(CycleState state, Set<String> installed, String[] drivers) {
        if (installed == null) {
            return Status.SUCCESS;
        }
        for (int k = 0; k < drivers.length; k++) {
            String driver = drivers[k];
            if (driver != null && !installed.contains(driver)) {
                PodVolume v = state.volumes().get(k);
                return state.rejections().of(v, Reasons.CSI_DRIVER_MISSING,
                        () -> Status.unresolvable(String.format(Reasons.CSI_DRIVER_MISSING, v.describe(), driver)));
            }
        }
        return Status.SUCCESS;
    }

    /** Each volume's CSI driver, in volume order; null where none is judged. */
    private static String[] drivers(CycleState state) {
        return state.volumes().stream().map(PodVolume::driver).toArray(String[]::new);
    }
}
