package dev.locus.placement;

import java.util.Set;

/**
 * A node whose CSINode does not list a volume's CSI driver cannot mount it, and preemption
 * cannot change that (UnschedulableAndUnresolvable). The driver is the bound PV's
 * {@code spec.csi.driver}, or for an unbound claim its StorageClass's provisioner (unless it
 * is an in-tree {@code kubernetes.io/...} one). A node without a CSINode object in the
 * snapshot is not judged: manifests often omit them, and absence proves nothing.
 */
public final class CsiDriverFilter implements FilterPlugin {

    @Override
    public String name() {
        return "CSIDriver";
    }

    @Override
    public Status filter(CycleState state, NodeView node) {
        Set<String> drivers = state.cluster().csiDrivers(node.name());
        if (drivers == null) {
            return Status.SUCCESS;
        }
        for (PodVolume v : state.volumes()) {
            String driver = driver(state, v);
            if (driver != null && !drivers.contains(driver)) {
                return state.rejections().of(v, Reasons.CSI_DRIVER_MISSING,
                        () -> Status.unresolvable(String.format(Reasons.CSI_DRIVER_MISSING, v.describe(), driver)));
            }
        }
        return Status.SUCCESS;
    }

    private static String driver(CycleState state, PodVolume v) {
        if (v.volume() != null) {
            return v.volume().csiDriver();
        }
        if (v.claim() == null || v.claim().bound()) {
            return null;
        }
        var storageClass = state.cluster().storageClass(v.claim().storageClass());
        if (storageClass == null || storageClass.provisioner() == null
                || storageClass.provisioner().startsWith("kubernetes.io/")) {
            return null;
        }
        return storageClass.provisioner();
    }
}
