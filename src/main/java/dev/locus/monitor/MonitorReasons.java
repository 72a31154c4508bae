package dev.locus.monitor;

/**
 * The reasons of the monitor's decisions: in {@code /monitor}, in the {@code reason} label of
 * the skip metric and in events. Tests reuse these constants.
 */
public final class MonitorReasons {

    /** The pod's node storage failed past its grace, and its data has a healthy replica elsewhere. */
    public static final String STORAGE_FAILED = "storage-failed";
    /** {@code monitor.rebalance}: the pod drifted from its data and a replica node has room. */
    public static final String REBALANCE = "rebalance";
    /** The node's failure has not lasted its grace period yet. */
    public static final String IN_GRACE = "in-grace";
    /** No controller would recreate the pod: evicting it would delete it for good. */
    public static final String BARE_POD = "bare-pod";
    /** A DaemonSet recreates its pod on the same node: evicting it moves nothing. */
    public static final String DAEMON_SET = "daemonset-pod";
    /** A volume's data has no healthy copy off the failed node (single replica, local, strict): moving loses it. */
    public static final String NO_HEALTHY_COPY = "no-healthy-copy";
    /** A claim or its volume is not in the cluster snapshot: the monitor cannot tell where the data is. */
    public static final String UNKNOWN_LOCALITY = "unknown-locality";
    /** No volume of the pod has a known replica elsewhere: not a candidate (nothing to move towards). */
    public static final String NO_KNOWN_REPLICA = "no-known-replica";
    /** The pod is already being deleted. */
    public static final String TERMINATING = "terminating";
    /** The pod's node holds none of its volumes' replicas, which live elsewhere (data drift). */
    public static final String DRIFTED = "drifted";
    /** Drifted, {@code monitor.rebalance} on, but no healthy replica node has room for the pod. */
    public static final String NO_ROOM = "no-room";

    private MonitorReasons() {
    }
}
