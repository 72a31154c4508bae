package dev.locus.config;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.ObjLongConsumer;

/**
 * Reads the YAML config file into a {@link LocusConfig.Builder}. Unknown keys are errors:
 * a misspelt key silently ignored is a production outage waiting to happen.
 */
public final class ConfigFile {

    private static final Map<String, BiConsumer<LocusConfig.Builder, JsonNode>> KEYS = withMonitorKeys(Map.ofEntries(
            Map.entry(LocusConfig.HOST, (b, v) -> b.host(text(LocusConfig.HOST, v))),
            Map.entry(LocusConfig.PORT, (b, v) -> b.port(integer(LocusConfig.PORT, v))),
            Map.entry(LocusConfig.MAX_BODY_BYTES, (b, v) -> b.maxBodyBytes(integer(LocusConfig.MAX_BODY_BYTES, v))),
            Map.entry(LocusConfig.RACK_LABEL, (b, v) -> b.rackLabel(text(LocusConfig.RACK_LABEL, v))),
            Map.entry(LocusConfig.DEFAULT_POLICY, (b, v) -> b.defaultPolicy(text(LocusConfig.DEFAULT_POLICY, v))),
            tier(0), tier(1), tier(2), tier(3), tier(4),
            Map.entry(LocusConfig.DEGRADED_PENALTY,
                    (b, v) -> b.degradedPenalty(integer(LocusConfig.DEGRADED_PENALTY, v))),
            Map.entry(LocusConfig.TOPOLOGY_FILE, (b, v) -> b.topologyFile(text(LocusConfig.TOPOLOGY_FILE, v))),
            integerKey(LocusConfig.HEALTH_PORT, LocusConfig.Builder::healthPort),
            integerKey(LocusConfig.MAX_HEADER_BYTES, LocusConfig.Builder::maxHeaderBytes),
            integerKey(LocusConfig.MAX_CONNECTIONS, LocusConfig.Builder::maxConnections),
            integerKey(LocusConfig.REQUEST_DEADLINE_MILLIS, LocusConfig.Builder::requestDeadlineMillis),
            integerKey(LocusConfig.MAX_IN_FLIGHT_BODY_BYTES, LocusConfig.Builder::maxInFlightBodyBytes),
            textKey(LocusConfig.TLS_CERT_FILE, LocusConfig.Builder::tlsCertFile),
            textKey(LocusConfig.TLS_KEY_FILE, LocusConfig.Builder::tlsKeyFile),
            textKey(LocusConfig.TLS_CLIENT_CA_FILE, LocusConfig.Builder::tlsClientCaFile),
            integerKey(LocusConfig.TLS_RELOAD_INTERVAL_SECONDS, LocusConfig.Builder::tlsReloadIntervalSeconds),
            integerKey(LocusConfig.WEBHOOK_PORT, (b, v) -> b.webhook(w -> w.port(v))),
            textKey(LocusConfig.WEBHOOK_CERT_FILE, (b, v) -> b.webhook(w -> w.certFile(v))),
            textKey(LocusConfig.WEBHOOK_KEY_FILE, (b, v) -> b.webhook(w -> w.keyFile(v))),
            textKey(LocusConfig.WEBHOOK_SCHEDULER_NAME, (b, v) -> b.webhook(w -> w.schedulerName(v))),
            Map.entry(LocusConfig.WEBHOOK_PROVISIONERS,
                    (b, v) -> b.webhook(w -> w.provisioners(texts(LocusConfig.WEBHOOK_PROVISIONERS, v)))),
            integerKey(LocusConfig.WEBHOOK_CACHE_WAIT_MILLIS, (b, v) -> b.webhook(w -> w.cacheWaitMillis(v)))));

    private ConfigFile() {
    }

    /** The keys a config file may hold, dotted ({@code server.port}). */
    public static Set<String> keys() {
        return KEYS.keySet();
    }

    /** Applies the settings in {@code file} to {@code builder}; throws naming the file and key. */
    public static void apply(Path file, LocusConfig.Builder builder) {
        JsonNode root;
        try {
            root = YAMLMapper.shared().readTree(Files.readAllBytes(file));
        } catch (IOException | JacksonException e) {
            throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return;
        }
        if (!root.isObject()) {
            throw new ConfigException("config file " + file + " must hold a YAML mapping");
        }
        try {
            apply("", root, builder);
        } catch (ConfigException e) {
            throw new ConfigException("config file " + file + ": " + e.getMessage(), e);
        }
    }

    private static void apply(String prefix, JsonNode node, LocusConfig.Builder builder) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String key = prefix + field.getKey();
            BiConsumer<LocusConfig.Builder, JsonNode> setter = KEYS.get(key);
            if (setter != null) {
                // null keeps the default, so the shipped file can list keys that have no value
                if (!field.getValue().isNull()) {
                    setter.accept(builder, field.getValue());
                }
            } else if (field.getValue().isObject() && KEYS.keySet().stream().anyMatch(k -> k.startsWith(key + "."))) {
                apply(key + ".", field.getValue(), builder);
            } else {
                throw new ConfigException("unknown key '" + key + "' (known keys: " + KEYS.keySet().stream().sorted().toList() + ")");
            }
        }
    }

    /** {@code base} plus the {@code monitor.*} keys (MonitorSettings). */
    private static Map<String, BiConsumer<LocusConfig.Builder, JsonNode>> withMonitorKeys(
            Map<String, BiConsumer<LocusConfig.Builder, JsonNode>> base) {
        Map<String, BiConsumer<LocusConfig.Builder, JsonNode>> keys = new HashMap<>(base);
        monitor(keys, MonitorSettings.ENABLED, (m, v) -> m.enabled(bool(MonitorSettings.ENABLED, v)));
        monitor(keys, MonitorSettings.DRY_RUN, (m, v) -> m.dryRun(bool(MonitorSettings.DRY_RUN, v)));
        monitor(keys, MonitorSettings.REBALANCE, (m, v) -> m.rebalance(bool(MonitorSettings.REBALANCE, v)));
        monitor(keys, MonitorSettings.SCHEDULER_NAMES,
                (m, v) -> m.schedulerNames(texts(MonitorSettings.SCHEDULER_NAMES, v)));
        monitor(keys, MonitorSettings.INTERVAL_SECONDS,
                (m, v) -> m.intervalSeconds(integer(MonitorSettings.INTERVAL_SECONDS, v)));
        for (String grace : List.of(MonitorSettings.GRACE_STORAGE_DOWN, MonitorSettings.GRACE_CSI_DRIVER_MISSING,
                MonitorSettings.GRACE_NODE_NOT_READY, MonitorSettings.GRACE_LONGHORN,
                MonitorSettings.GRACE_LONGHORN_NODE_DOWN)) {
            monitor(keys, grace, (m, v) -> m.grace(grace, integer(grace, v)));
        }
        monitor(keys, MonitorSettings.MAX_EVICTIONS_PER_MINUTE,
                (m, v) -> m.maxEvictionsPerMinute(integer(MonitorSettings.MAX_EVICTIONS_PER_MINUTE, v)));
        monitor(keys, MonitorSettings.MAX_EVICTIONS_PER_NODE_PER_MINUTE, (m, v) -> m.maxEvictionsPerNodePerMinute(
                integer(MonitorSettings.MAX_EVICTIONS_PER_NODE_PER_MINUTE, v)));
        monitor(keys, MonitorSettings.REFUSAL_BACKOFF_SECONDS,
                (m, v) -> m.refusalBackoffSeconds(integer(MonitorSettings.REFUSAL_BACKOFF_SECONDS, v)));
        monitor(keys, MonitorSettings.MAX_REFUSAL_BACKOFF_SECONDS,
                (m, v) -> m.maxRefusalBackoffSeconds(integer(MonitorSettings.MAX_REFUSAL_BACKOFF_SECONDS, v)));
        monitor(keys, MonitorSettings.LEASE_NAMESPACE,
                (m, v) -> m.leaseNamespace(text(MonitorSettings.LEASE_NAMESPACE, v)));
        monitor(keys, MonitorSettings.LEASE_NAME, (m, v) -> m.leaseName(text(MonitorSettings.LEASE_NAME, v)));
        return Map.copyOf(keys);
    }

    private static void monitor(Map<String, BiConsumer<LocusConfig.Builder, JsonNode>> keys, String key,
                                BiConsumer<MonitorSettingsEditor, JsonNode> setter) {
        keys.put(key, (b, v) -> b.monitor(m -> setter.accept(m, v)));
    }

    private static boolean bool(String key, JsonNode value) {
        if (!value.isBoolean()) {
            throw new ConfigException(key + " must be true or false, got " + value);
        }
        return value.asBoolean();
    }

    private static List<String> texts(String key, JsonNode value) {
        if (!value.isArray()) {
            throw new ConfigException(key + " must be a list of strings, got " + value);
        }
        List<String> texts = new ArrayList<>();
        value.forEach(item -> texts.add(text(key, item)));
        return texts;
    }

    private static Map.Entry<String, BiConsumer<LocusConfig.Builder, JsonNode>> tier(int tier) {
        String key = LocusConfig.TIER_KEYS[tier];
        return Map.entry(key, (b, v) -> b.tier(tier, integer(key, v)));
    }

    private static Map.Entry<String, BiConsumer<LocusConfig.Builder, JsonNode>> integerKey(
            String key, ObjLongConsumer<LocusConfig.Builder> setter) {
        return Map.entry(key, (b, v) -> setter.accept(b, integer(key, v)));
    }

    private static Map.Entry<String, BiConsumer<LocusConfig.Builder, JsonNode>> textKey(
            String key, BiConsumer<LocusConfig.Builder, String> setter) {
        return Map.entry(key, (b, v) -> setter.accept(b, text(key, v)));
    }

    private static String text(String key, JsonNode value) {
        if (!value.isString()) {
            throw new ConfigException(key + " must be a string, got " + value);
        }
        return value.asString();
    }

    private static long integer(String key, JsonNode value) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new ConfigException(key + " must be an integer, got " + value);
        }
        return value.asLong();
    }
}
