package dev.locus.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The config.yaml in the base ConfigMap uses only the keys Locus reads, with valid values. */
class LocusConfigTest {

    /** Every key Locus's config file may hold, with what its value must be. */
    static final Map<String, Predicate<JsonNode>> KEYS = Map.of(
            "server.host", JsonNode::isTextual,
            "server.port", v -> v.isInt() && v.asInt() > 0 && v.asInt() < 65536,
            "server.maxBodyBytes", v -> v.isIntegralNumber() && v.asLong() > 0,
            "placement.rackLabel", v -> v.isTextual() && !v.asText().isBlank(),
            "placement.defaultPolicy", v -> Set.of("strict", "preferred", "none", "spread").contains(v.asText()));

    static JsonNode shippedConfig() {
        ConfigMap cm = DeployFiles.object("deploy/base/configmap.yaml", ConfigMap.class, "locus-config");
        String text = cm.getData().get("config.yaml");
        assertNotNull(text, "locus-config has no config.yaml");
        return DeployFiles.yaml(text);
    }

    /** Problems with a config tree: keys Locus does not know, values it would reject. */
    static List<String> problems(JsonNode config) {
        List<String> problems = new ArrayList<>();
        collect(config, "", problems);
        return problems;
    }

    private static void collect(JsonNode node, String path, List<String> problems) {
        if (node.isObject()) {
            node.fields().forEachRemaining(f ->
                    collect(f.getValue(), path.isEmpty() ? f.getKey() : path + "." + f.getKey(), problems));
        } else if (!KEYS.containsKey(path)) {
            problems.add(path + ": unknown key");
        } else if (!KEYS.get(path).test(node)) {
            problems.add(path + ": invalid value " + node);
        }
    }

    @Test
    void shippedConfigUsesOnlyKnownKeysWithValidValues() {
        assertEquals(List.of(), problems(shippedConfig()));
    }

    @Test
    void shippedConfigSpellsOutEveryKey() {
        List<String> present = new ArrayList<>();
        KEYS.keySet().forEach(k -> {
            if (!shippedConfig().at("/" + k.replace('.', '/')).isMissingNode()) {
                present.add(k);
            }
        });
        assertEquals(KEYS.keySet(), Set.copyOf(present));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            misspelt key       | 'server: {prot: 8888}'              | 'server.prot: unknown key'
            key at wrong level | 'port: 8888'                         | 'port: unknown key'
            policy not known   | 'placement: {defaultPolicy: strong}' | 'placement.defaultPolicy: invalid value'
            port as text       | 'server: {port: "8888"}'            | 'server.port: invalid value'
            """)
    void problemsAreFound(String name, String yaml, String expected) {
        List<String> problems = problems(DeployFiles.yaml(yaml));
        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith(expected), problems::toString);
    }
}
