package dev.locus.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import tools.jackson.databind.JsonNode;
import dev.locus.config.ConfigFile;
import dev.locus.config.LocusConfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The config.yaml in the base ConfigMap is read by Locus's own config reader (which rejects
 * unknown keys and bad values), and spells out every key it knows.
 */
class LocusConfigTest {

    @TempDir
    Path dir;

    /** The shipped config.yaml as a tree. */
    static JsonNode shippedConfigTree() {
        return DeployFiles.yaml(shippedConfig());
    }

    private static String shippedConfig() {
        ConfigMap cm = DeployFiles.object("deploy/base/configmap.yaml", ConfigMap.class, "locus-config");
        String text = cm.getData().get("config.yaml");
        assertNotNull(text, "locus-config has no config.yaml");
        return text;
    }

    @Test
    void shippedConfigIsAcceptedByLocusAndMatchesTheDefaults() throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, shippedConfig());
        LocusConfig.Builder builder = LocusConfig.builder();
        ConfigFile.apply(file, builder);
        assertEquals(LocusConfig.defaults(), builder.build());
    }

    @Test
    void shippedConfigSpellsOutEveryKey() {
        JsonNode config = shippedConfigTree();
        Set<String> present = ConfigFile.keys().stream()
                .filter(k -> !config.at("/" + k.replace('.', '/')).isMissingNode())
                .collect(Collectors.toSet());
        assertEquals(ConfigFile.keys(), present);
    }
}
