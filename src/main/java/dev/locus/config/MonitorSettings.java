package dev.locus.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The storage health monitor's settings ({@code monitor.*}; docs/health-monitor.md).
 *
 * @param enabled                     run the monitor (live mode only); off by default
 * @param dryRun                      decide and report, never evict
 * @param rebalance                   also evict pods whose data moved away (drift), when a replica node has room
 * @param schedulerNames              pods whose {@code spec.schedulerName} is one of these are the monitor's
 * @param interval                    time between two passes over the pods; 1..3600 s
 * @param graceStorageDown            how long {@code locus.dev/storage-state: down} must last; 0..86400 s
 * @param graceCsiDriverMissing       how long a volume's CSI driver must be missing from the node's CSINode
 * @param graceNodeNotReady           how long the Node must be NotReady or unreachable
 * @param graceLonghorn               how long Longhorn must report every replica on the node failed
 * @param graceLonghornNodeDown       how long Longhorn must report the node not Ready (its {@code nodes.longhorn.io}
 *                                    object), or every disk on it not ready
 * @param maxEvictionsPerMinute       evictions per rolling minute, cluster-wide; 1..1000
 * @param maxEvictionsPerNodePerMinute evictions per rolling minute from one node; 1..1000
 * @param refusalBackoff              first wait before a pod whose eviction was refused (429) is tried again;
 *                                    doubles on each refusal up to {@code maxRefusalBackoff}
 * @param maxRefusalBackoff           longest such wait
 * @param leaseNamespace              namespace of the leader-election Lease
 * @param leaseName                   name of the Lease
 */
public record MonitorSettings(boolean enabled, boolean dryRun, boolean rebalance, List<String> schedulerNames,
                              Duration interval, Duration graceStorageDown, Duration graceCsiDriverMissing,
                              Duration graceNodeNotReady, Duration graceLonghorn, Duration graceLonghornNodeDown,
                              int maxEvictionsPerMinute,
                              int maxEvictionsPerNodePerMinute, Duration refusalBackoff, Duration maxRefusalBackoff,
                              String leaseNamespace, String leaseName) {

    public static final String ENABLED = "monitor.enabled";
    public static final String DRY_RUN = "monitor.dryRun";
    public static final String REBALANCE = "monitor.rebalance";
    public static final String SCHEDULER_NAMES = "monitor.schedulerNames";
    public static final String INTERVAL_SECONDS = "monitor.intervalSeconds";
    public static final String GRACE_STORAGE_DOWN = "monitor.grace.storageDownSeconds";
    public static final String GRACE_CSI_DRIVER_MISSING = "monitor.grace.csiDriverMissingSeconds";
    public static final String GRACE_NODE_NOT_READY = "monitor.grace.nodeNotReadySeconds";
    public static final String GRACE_LONGHORN = "monitor.grace.longhornSeconds";
    public static final String GRACE_LONGHORN_NODE_DOWN = "monitor.grace.longhornNodeDownSeconds";
    public static final String MAX_EVICTIONS_PER_MINUTE = "monitor.maxEvictionsPerMinute";
    public static final String MAX_EVICTIONS_PER_NODE_PER_MINUTE = "monitor.maxEvictionsPerNodePerMinute";
    public static final String REFUSAL_BACKOFF_SECONDS = "monitor.refusalBackoffSeconds";
    public static final String MAX_REFUSAL_BACKOFF_SECONDS = "monitor.maxRefusalBackoffSeconds";
    public static final String LEASE_NAMESPACE = "monitor.leaseNamespace";
    public static final String LEASE_NAME = "monitor.leaseName";

    /** Longest grace period, s: a day; longer is an outage nobody acts on. */
    static final long MAX_GRACE_SECONDS = 86_400;

    /**
     * The defaults. Grace: a storage agent's {@code down} is deliberate, one minute rides out a
     * flapping agent; a CSI driver re-registers within a minute or two of a plugin restart; a
     * NotReady node gets five minutes, the same as the node lifecycle controller's default
     * {@code tolerationSeconds}, so the two do not race; Longhorn's signals (replicas failed, node
     * down) get two minutes, as long as Longhorn itself waits before rebuilding a replica elsewhere
     * by default ({@code replica-replenishment-wait-interval}, 600 s, is longer: Locus moves the pod
     * to a healthy replica, it does not wait for a new one). Budgets: five evictions a minute
     * cluster-wide and two per node bound the damage of a wrong signal to a handful of restarts.
     */
    public static final MonitorSettings DEFAULTS = new MonitorSettings(false, false, false, List.of("locus-scheduler"),
            Duration.ofSeconds(10), Duration.ofSeconds(60), Duration.ofSeconds(120), Duration.ofSeconds(300),
            Duration.ofSeconds(120), Duration.ofSeconds(120), 5, 2, Duration.ofSeconds(30), Duration.ofSeconds(600), "locus-system",
            "locus-monitor");

    public MonitorSettings {
        schedulerNames = List.copyOf(schedulerNames);
        Objects.requireNonNull(leaseNamespace);
        Objects.requireNonNull(leaseName);
    }

    /** Validates each value as it is set; {@link LocusConfig.Builder} delegates here. */
    static final class Builder {
        private boolean enabled = DEFAULTS.enabled;
        private boolean dryRun = DEFAULTS.dryRun;
        private boolean rebalance = DEFAULTS.rebalance;
        private List<String> schedulerNames = DEFAULTS.schedulerNames;
        private Duration interval = DEFAULTS.interval;
        private Duration graceStorageDown = DEFAULTS.graceStorageDown;
        private Duration graceCsiDriverMissing = DEFAULTS.graceCsiDriverMissing;
        private Duration graceNodeNotReady = DEFAULTS.graceNodeNotReady;
        private Duration graceLonghorn = DEFAULTS.graceLonghorn;
        private Duration graceLonghornNodeDown = DEFAULTS.graceLonghornNodeDown;
        private int maxPerMinute = DEFAULTS.maxEvictionsPerMinute;
        private int maxPerNodePerMinute = DEFAULTS.maxEvictionsPerNodePerMinute;
        private Duration refusalBackoff = DEFAULTS.refusalBackoff;
        private Duration maxRefusalBackoff = DEFAULTS.maxRefusalBackoff;
        private String leaseNamespace = DEFAULTS.leaseNamespace;
        private String leaseName = DEFAULTS.leaseName;

        void enabled(boolean value) {
            enabled = value;
        }

        void dryRun(boolean value) {
            dryRun = value;
        }

        void rebalance(boolean value) {
            rebalance = value;
        }

        void schedulerNames(List<String> values) {
            if (values.isEmpty() || values.stream().anyMatch(v -> v == null || v.isBlank())) {
                throw new ConfigException(SCHEDULER_NAMES + " must be a non-empty list of scheduler names, got "
                        + values);
            }
            schedulerNames = new ArrayList<>(values);
        }

        void intervalSeconds(long value) {
            interval = seconds(INTERVAL_SECONDS, value, 1, 3600);
        }

        void grace(String key, long value) {
            Duration grace = seconds(key, value, 0, MAX_GRACE_SECONDS);
            switch (key) {
                case GRACE_STORAGE_DOWN -> graceStorageDown = grace;
                case GRACE_CSI_DRIVER_MISSING -> graceCsiDriverMissing = grace;
                case GRACE_NODE_NOT_READY -> graceNodeNotReady = grace;
                case GRACE_LONGHORN -> graceLonghorn = grace;
                case GRACE_LONGHORN_NODE_DOWN -> graceLonghornNodeDown = grace;
                default -> throw new IllegalArgumentException("not a grace key: " + key);
            }
        }

        void maxEvictionsPerMinute(long value) {
            maxPerMinute = (int) ServerLimits.range(MAX_EVICTIONS_PER_MINUTE, value, 1, 1000, "");
        }

        void maxEvictionsPerNodePerMinute(long value) {
            maxPerNodePerMinute = (int) ServerLimits.range(MAX_EVICTIONS_PER_NODE_PER_MINUTE, value, 1, 1000, "");
        }

        void refusalBackoffSeconds(long value) {
            refusalBackoff = seconds(REFUSAL_BACKOFF_SECONDS, value, 1, 3600);
        }

        void maxRefusalBackoffSeconds(long value) {
            maxRefusalBackoff = seconds(MAX_REFUSAL_BACKOFF_SECONDS, value, 1, MAX_GRACE_SECONDS);
        }

        void leaseNamespace(String value) {
            leaseNamespace = dnsName(LEASE_NAMESPACE, value);
        }

        void leaseName(String value) {
            leaseName = dnsName(LEASE_NAME, value);
        }

        MonitorSettings build() {
            if (maxPerNodePerMinute > maxPerMinute) {
                throw new ConfigException(MAX_EVICTIONS_PER_NODE_PER_MINUTE + " (" + maxPerNodePerMinute
                        + ") must not exceed " + MAX_EVICTIONS_PER_MINUTE + " (" + maxPerMinute + ")");
            }
            if (maxRefusalBackoff.compareTo(refusalBackoff) < 0) {
                throw new ConfigException(MAX_REFUSAL_BACKOFF_SECONDS + " (" + maxRefusalBackoff.toSeconds()
                        + ") must be at least " + REFUSAL_BACKOFF_SECONDS + " (" + refusalBackoff.toSeconds() + ")");
            }
            return new MonitorSettings(enabled, dryRun, rebalance, schedulerNames, interval, graceStorageDown,
                    graceCsiDriverMissing, graceNodeNotReady, graceLonghorn, graceLonghornNodeDown, maxPerMinute, maxPerNodePerMinute,
                    refusalBackoff, maxRefusalBackoff, leaseNamespace, leaseName);
        }

        private static Duration seconds(String key, long value, long min, long max) {
            return Duration.ofSeconds(ServerLimits.range(key, value, min, max, " s"));
        }

        private static String dnsName(String key, String value) {
            if (value == null || !value.matches("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?")) {
                throw new ConfigException(key + " must be a DNS label (lower case, digits, '-'), got '" + value + "'");
            }
            return value;
        }
    }
}
