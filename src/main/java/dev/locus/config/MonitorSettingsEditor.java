package dev.locus.config;

import java.util.List;

/**
 * The public face of the monitor's settings builder, handed out by
 * {@link LocusConfig.Builder#monitor}: each setter validates its value and names the key.
 */
public final class MonitorSettingsEditor {

    private final MonitorSettings.Builder builder;

    MonitorSettingsEditor(MonitorSettings.Builder builder) {
        this.builder = builder;
    }

    public MonitorSettingsEditor enabled(boolean value) {
        builder.enabled(value);
        return this;
    }

    public MonitorSettingsEditor dryRun(boolean value) {
        builder.dryRun(value);
        return this;
    }

    public MonitorSettingsEditor rebalance(boolean value) {
        builder.rebalance(value);
        return this;
    }

    /** @param values non-empty, no blank name */
    public MonitorSettingsEditor schedulerNames(List<String> values) {
        builder.schedulerNames(values);
        return this;
    }

    /** @param value seconds, 1..3600 */
    public MonitorSettingsEditor intervalSeconds(long value) {
        builder.intervalSeconds(value);
        return this;
    }

    /** @param key one of the {@code monitor.grace.*} keys; @param value seconds, 0..86400 */
    public MonitorSettingsEditor grace(String key, long value) {
        builder.grace(key, value);
        return this;
    }

    /** @param value 1..1000, at least the per-node budget */
    public MonitorSettingsEditor maxEvictionsPerMinute(long value) {
        builder.maxEvictionsPerMinute(value);
        return this;
    }

    /** @param value 1..1000 */
    public MonitorSettingsEditor maxEvictionsPerNodePerMinute(long value) {
        builder.maxEvictionsPerNodePerMinute(value);
        return this;
    }

    /** @param value seconds, 1..3600 */
    public MonitorSettingsEditor refusalBackoffSeconds(long value) {
        builder.refusalBackoffSeconds(value);
        return this;
    }

    /** @param value seconds, 1..86400, at least the first back-off */
    public MonitorSettingsEditor maxRefusalBackoffSeconds(long value) {
        builder.maxRefusalBackoffSeconds(value);
        return this;
    }

    public MonitorSettingsEditor leaseNamespace(String value) {
        builder.leaseNamespace(value);
        return this;
    }

    public MonitorSettingsEditor leaseName(String value) {
        builder.leaseName(value);
        return this;
    }
}
