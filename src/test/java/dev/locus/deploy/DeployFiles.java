package dev.locus.deploy;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Named;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

/**
 * Finds and loads the deployment files (deploy/, scheduler-config/, Dockerfile) for the
 * tests of this package. Paths are relative to the project root, which is the working
 * directory Maven runs tests in.
 */
final class DeployFiles {

    static final Path ROOT = locateRoot();
    static final Path DEPLOY = ROOT.resolve("deploy");
    static final Path SCHEDULER_CONFIG = ROOT.resolve("scheduler-config");
    static final ObjectMapper YAML = new YAMLMapper();

    private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

    private DeployFiles() {
    }

    /** A file under the project root, e.g. {@code path("deploy/base/deployment.yaml")}. */
    static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    /** The path relative to the project root, with forward slashes (for test names). */
    static String relative(Path file) {
        return ROOT.relativize(file).toString().replace('\\', '/');
    }

    /** Every Kubernetes manifest under deploy/: YAML files other than kustomization.yaml. */
    static List<Path> manifests() {
        return walk(DEPLOY).filter(DeployFiles::isYaml)
                .filter(p -> !p.getFileName().toString().equals("kustomization.yaml"))
                .toList();
    }

    /** Files as test arguments named by their path relative to the project root. */
    static Stream<Named<Path>> named(List<Path> files) {
        return files.stream().map(f -> Named.of(relative(f), f));
    }

    /** Every kustomization.yaml under deploy/. */
    static List<Path> kustomizations() {
        return walk(DEPLOY).filter(p -> p.getFileName().toString().equals("kustomization.yaml")).toList();
    }

    /** The example KubeSchedulerConfiguration files in scheduler-config/. */
    static List<Path> schedulerConfigExamples() {
        return walk(SCHEDULER_CONFIG).filter(DeployFiles::isYaml).toList();
    }

    /** All non-empty YAML documents of a file, as Jackson trees. */
    static List<JsonNode> yamlDocuments(Path file) {
        try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(file.toFile())) {
            List<JsonNode> result = new ArrayList<>();
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                    result.add(doc);
                }
            }
            return result;
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot read " + relative(file), e);
        }
    }

    /** Parses YAML text held in a string (e.g. a ConfigMap value). */
    static JsonNode yaml(String text) {
        return YAML.readTree(text);
    }

    /** All objects of a (possibly multi-document) manifest, deserialised by fabric8. */
    static List<HasMetadata> objects(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return objects(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relative(file), e);
        }
    }

    /** All objects of (possibly multi-document) YAML text, deserialised by fabric8. */
    static List<HasMetadata> objects(InputStream in) {
        Object parsed = KUBERNETES.unmarshal(in);
        if (parsed instanceof List<?> list) {
            return list.stream().map(HasMetadata.class::cast).toList();
        }
        return parsed == null ? List.of() : List.of((HasMetadata) parsed);
    }

    /** The one object of the given type and name in a manifest file. */
    static <T extends HasMetadata> T object(String file, Class<T> type, String name) {
        return objects(path(file)).stream()
                .filter(type::isInstance).map(type::cast)
                .filter(o -> name.equals(o.getMetadata().getName()))
                .findFirst()
                .orElseThrow(() -> new NoSuchElementException(
                        type.getSimpleName() + " " + name + " not found in " + file));
    }

    /** Reads a text file, failing the test with the file's name if it cannot. */
    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + relative(file), e);
        }
    }

    private static boolean isYaml(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".yaml") || name.endsWith(".yml");
    }

    private static Stream<Path> walk(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }

    private static Path locateRoot() {
        Path root = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(root.resolve("pom.xml")) || !Files.isDirectory(root.resolve("deploy"))) {
            throw new IllegalStateException("tests must run from the project root, not " + root);
        }
        return root;
    }
}
