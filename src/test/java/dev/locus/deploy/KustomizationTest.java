package dev.locus.deploy;

import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kustomization under deploy/ references files and directories that exist, and
 * every file under deploy/ is used by some kustomization (no manifest left behind).
 */
class KustomizationTest {

    static Stream<Named<Path>> kustomizations() {
        return DeployFiles.named(DeployFiles.kustomizations());
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void isAKustomizationOrComponent(Path file) {
        JsonNode k = DeployFiles.yamlDocuments(file).get(0);
        String type = k.path("apiVersion").asString() + " " + k.path("kind").asString();
        assertTrue(Set.of("kustomize.config.k8s.io/v1beta1 Kustomization",
                "kustomize.config.k8s.io/v1alpha1 Component").contains(type), type);
    }

    @ParameterizedTest
    @MethodSource("kustomizations")
    void everyReferenceExists(Path file) {
        JsonNode k = DeployFiles.yamlDocuments(file).get(0);
        Path dir = file.getParent();
        String at = DeployFiles.relative(file) + ": ";
        for (String ref : references(k, "resources")) {
            Path target = dir.resolve(ref).normalize();
            assertTrue(Files.exists(target), at + "resource " + ref);
            if (Files.isDirectory(target)) {
                assertEquals("Kustomization", kindOf(target), at + "resource " + ref + " must be a Kustomization");
            }
        }
        for (String ref : references(k, "components")) {
            assertEquals("Component", kindOf(dir.resolve(ref).normalize()), at + "component " + ref);
        }
        for (String ref : fileReferences(k)) {
            assertTrue(Files.isRegularFile(dir.resolve(ref)), at + "file " + ref);
        }
    }

    @Test
    void everyFileUnderDeployIsUsed() {
        Set<Path> used = new TreeSet<>();
        for (Path k : DeployFiles.kustomizations()) {
            JsonNode doc = DeployFiles.yamlDocuments(k).get(0);
            List<String> refs = new ArrayList<>(references(doc, "resources"));
            refs.addAll(fileReferences(doc));
            refs.forEach(ref -> used.add(k.getParent().resolve(ref).normalize()));
        }
        Set<String> unused = new TreeSet<>();
        DeployFiles.manifests().stream().filter(f -> !used.contains(f)).forEach(f -> unused.add(DeployFiles.relative(f)));
        assertEquals(Set.of(), unused);
        assertTrue(used.contains(DeployFiles.path("deploy/monitoring/locus-dashboard.json")), "dashboard");
    }

    /** Files named by patches and generators (not inline patches). */
    private static List<String> fileReferences(JsonNode k) {
        List<String> refs = new ArrayList<>(references(k, "patchesStrategicMerge"));
        for (String list : List.of("patches", "patchesJson6902")) {
            k.path(list).forEach(p -> {
                if (p.has("path")) {
                    refs.add(p.get("path").asString());
                }
            });
        }
        for (String generator : List.of("configMapGenerator", "secretGenerator")) {
            k.path(generator).forEach(g -> {
                // files: entries may be "key=path".
                g.path("files").forEach(f -> refs.add(f.asString().substring(f.asString().indexOf('=') + 1)));
                g.path("envs").forEach(f -> refs.add(f.asString()));
            });
        }
        return refs;
    }

    private static List<String> references(JsonNode k, String field) {
        List<String> refs = new ArrayList<>();
        k.path(field).forEach(r -> refs.add(r.asString()));
        return refs;
    }

    private static String kindOf(Path dir) {
        Path k = dir.resolve("kustomization.yaml");
        assertTrue(Files.isRegularFile(k), DeployFiles.relative(dir) + " has no kustomization.yaml");
        return DeployFiles.yamlDocuments(k).get(0).path("kind").asString();
    }
}
