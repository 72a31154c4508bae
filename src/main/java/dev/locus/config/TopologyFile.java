package dev.locus.config;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a weighted topology file ({@code placement.topologyFile}) into a {@link TopologySpec}:
 *
 * <pre>
 * tiers:            # optional: largest shortest-path cost of each tier
 *   rack: 2
 *   zone: 4
 *   region: 6
 * switches: [tor-1, tor-2, spine]      # optional
 * links:
 *   - {from: node-a1, to: tor-1, cost: 1}
 *   - {from: tor-1, to: spine, cost: 1}
 * </pre>
 *
 * Like the config file, unknown keys are errors, and every message names the file and key.
 */
public final class TopologyFile {

    private static final Set<String> TOP_KEYS = Set.of("tiers", "switches", "links");
    private static final Set<String> TIER_KEYS = Set.of("rack", "zone", "region");
    private static final Set<String> LINK_KEYS = Set.of("from", "to", "cost");

    private TopologyFile() {
    }

    /** Parses {@code file}; throws {@link ConfigException} naming the file and the bad key. */
    public static TopologySpec load(Path file) {
        JsonNode root;
        try {
            root = YAMLMapper.shared().readTree(Files.readAllBytes(file));
        } catch (IOException | JacksonException e) {
            throw new ConfigException("cannot read topology file " + file + ": " + e.getMessage(), e);
        }
        try {
            return parse(root);
        } catch (ConfigException e) {
            throw new ConfigException("topology file " + file + ": " + e.getMessage(), e);
        }
    }

    static TopologySpec parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new ConfigException("must hold a YAML mapping with 'links'");
        }
        known(root, TOP_KEYS, "");
        JsonNode tiers = root.path("tiers");
        if (!tiers.isMissingNode()) {
            known(tiers, TIER_KEYS, "tiers.");
        }
        Set<String> switches = new HashSet<>();
        for (JsonNode s : array(root.path("switches"), "switches", true)) {
            switches.add(name(s, "switches[]"));
        }
        List<TopologySpec.Link> links = new ArrayList<>();
        for (JsonNode link : array(root.path("links"), "links", false)) {
            String where = "links[" + links.size() + "]";
            known(link, LINK_KEYS, where + ".");
            String from = name(link.path("from"), where + ".from");
            String to = name(link.path("to"), where + ".to");
            double cost = number(link.path("cost"), where + ".cost");
            if (from.equals(to) || !(cost > 0)) {
                throw new ConfigException(where + " must join two different vertices with a cost > 0");
            }
            links.add(new TopologySpec.Link(from, to, cost));
        }
        return new TopologySpec(switches, links,
                tier(tiers, "rack", TopologySpec.DEFAULT_RACK_MAX),
                tier(tiers, "zone", TopologySpec.DEFAULT_ZONE_MAX),
                tier(tiers, "region", TopologySpec.DEFAULT_REGION_MAX));
    }

    private static void known(JsonNode node, Set<String> keys, String prefix) {
        if (!node.isObject()) {
            throw new ConfigException(prefix.isEmpty() ? "must be a mapping" : prefix + " must be a mapping");
        }
        for (String key : node.propertyNames()) {
            if (!keys.contains(key)) {
                throw new ConfigException("unknown key '" + prefix + key + "' (known: " + keys.stream().sorted().toList() + ")");
            }
        }
    }

    private static Iterable<JsonNode> array(JsonNode node, String key, boolean optional) {
        if (node.isMissingNode() && optional) {
            return List.of();
        }
        if (!node.isArray() || (!optional && node.isEmpty())) {
            throw new ConfigException(key + " must be a " + (optional ? "" : "non-empty ") + "list");
        }
        return node;
    }

    private static String name(JsonNode node, String key) {
        if (!node.isString() || node.asString().isBlank()) {
            throw new ConfigException(key + " must be a non-empty string, got " + node);
        }
        return node.asString();
    }

    private static double number(JsonNode node, String key) {
        if (!node.isNumber() || !Double.isFinite(node.asDouble())) {
            throw new ConfigException(key + " must be a finite number, got " + node);
        }
        return node.asDouble();
    }

    private static double tier(JsonNode tiers, String key, double fallback) {
        JsonNode value = tiers.path(key);
        return value.isMissingNode() ? fallback : number(value, "tiers." + key);
    }
}
