package dev.locus.placement;

/**
 * Reason texts of filter verdicts, as kube-scheduler shows them in the pod's events; the
 * tests reuse them. {@code %s} placeholders are filled with {@link String#format}; "the
 * volume" is {@link PodVolume#describe()}, e.g. "volume pv-1 (claim default/data)".
 */
public final class Reasons {

    /** {@code %s} = the volume. */
    public static final String NODE_AFFINITY_CONFLICT = "%s: node affinity conflict, the volume cannot be used on this node";

    /** {@code %s} = the volume. */
    public static final String NO_REPLICA_STRICT = "%s: locality policy strict and the node holds no replica";

    /** {@code %s} = the volume, {@code %s} = the nodes its node affinity pins it to. */
    public static final String NO_REPLICA_PINNED = "%s: the data is pinned to %s by the volume's node affinity";

    /** {@code %s} = the volume, {@code %s} = the CSI driver. */
    public static final String CSI_DRIVER_MISSING = "%s: CSI driver %s is not registered on this node (CSINode)";

    /** No placeholder. */
    public static final String STORAGE_DOWN = "storage on this node is down (node annotation "
            + StorageState.ANNOTATION + "=down)";

    /** {@code %s} = the volume, {@code %s} = the Ready condition's reason Longhorn gives (e.g. ManagerPodDown). */
    public static final String LONGHORN_NODE_NOT_READY = "%s: Longhorn reports this node not Ready (%s) "
            + "in its nodes.longhorn.io object and cannot attach the volume here";

    /**
     * {@code %s} = the volume, {@code %s} = what Longhorn reports of the node ("not Ready
     * (ManagerPodDown)", "with every disk down"): a replica node policy strict no longer admits.
     */
    public static final String REPLICA_NODE_DOWN = "%s: locality policy strict and the replica on this node does "
            + "not count: Longhorn reports the node %s in its nodes.longhorn.io object";

    /** {@code %s} = the claim, {@code %s} = the StorageClass. */
    public static final String NO_CAPACITY_SEGMENT = "%s: no CSIStorageCapacity of StorageClass %s covers this node";

    /** {@code %s} = the claim, {@code %s} = the StorageClass, {@code %d} bytes available, {@code %d} bytes requested. */
    public static final String INSUFFICIENT_CAPACITY = "%s: StorageClass %s has %d bytes available on this node, the claim requests %d";

    /** {@code %d} claims, {@code %s} = the StorageClass, {@code %d} bytes requested together, {@code %d} bytes free. */
    public static final String INSUFFICIENT_CAPACITY_TOGETHER = "%d claims of StorageClass %s request %d bytes "
            + "together, its CSIStorageCapacity for this node has %d bytes free";

    /** {@code %s} = the claim, {@code %s} = the StorageClass. */
    public static final String CAPACITY_UNREPORTED = "%s: the CSIStorageCapacity of StorageClass %s for this node reports no capacity";

    private Reasons() {
    }
}
