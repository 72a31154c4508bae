package dev.locus.cluster;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.snakeyaml.engine.v2.api.LoadSettings;
import tools.jackson.dataformat.yaml.YAMLFactory;
import org.slf4j.LoggerFactory;

/**
 * Reads cluster state from YAML manifests: one file or a folder of {@code .yaml}/{@code .yml}/
 * {@code .json} files, multi-document files and {@code kind: List} alike. Kinds placement does
 * not read are skipped with a log line; a file that does not parse is an error naming it.
 */
public final class ManifestLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ManifestLoader.class);
    /**
     * Largest YAML document, in characters. SnakeYAML's default (3 M) refuses the single
     * {@code kind: List} document of {@code kubectl get pv -o yaml} past ~4,000 volumes;
     * 256 M holds a dump of 100,000 PVs with room. Documents are handled one at a time.
     */
    static final int MAX_DOCUMENT_CHARS = 256 * 1024 * 1024;
    private static final YAMLMapper YAML = YAMLMapper.builder(YAMLFactory.builder()
            .loadSettings(LoadSettings.builder().setCodePointLimit(MAX_DOCUMENT_CHARS).build()).build()).build();
    private static final KubernetesSerialization KUBE = new KubernetesSerialization();

    private final ClusterSnapshot.Builder builder = ClusterSnapshot.builder();
    private int loaded;

    /** Loads a file or every manifest file under a folder (recursively, in name order). */
    public static ClusterSnapshot load(Path path) {
        ManifestLoader loader = new ManifestLoader();
        for (Path file : files(path)) {
            try (InputStream in = Files.newInputStream(file)) {
                loader.read(file.toString(), in);
            } catch (IOException e) {
                throw new ManifestException("cannot read manifest " + file + ": " + e.getMessage(), e);
            }
        }
        return loader.snapshot();
    }

    /** Loads one manifest stream; {@code source} names it in messages. */
    public static ClusterSnapshot load(String source, InputStream in) {
        ManifestLoader loader = new ManifestLoader();
        loader.read(source, in);
        return loader.snapshot();
    }

    private ClusterSnapshot snapshot() {
        LOG.info("loaded {} cluster objects from manifests", loaded);
        return builder.generation(1).build();
    }

    private static List<Path> files(Path path) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            throw new ManifestException("manifest path " + path + " is neither a file nor a folder");
        }
        try (Stream<Path> walk = Files.walk(path)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().matches(".*\\.(ya?ml|json)$"))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            throw new ManifestException("cannot list manifest folder " + path + ": " + e.getMessage(), e);
        }
    }

    /** Reads and applies one document at a time, so a large file is never held as a tree whole. */
    private void read(String source, InputStream in) {
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(in)) {
            while (it.hasNextValue()) {
                readDocument(source, it.nextValue());
            }
        } catch (ManifestException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ManifestException("malformed manifest " + source + ": " + e.getMessage(), e);
        }
    }

    private void readDocument(String source, JsonNode document) {
        if (document == null || document.isNull() || document.isMissingNode()
                || document.isString() && document.asString().isEmpty()) { // an empty document, e.g. after a last '---'
            return;
        }
        if (!document.isObject() || !document.path("kind").isString()) {
            throw new ManifestException("malformed manifest " + source + ": a document without 'kind'");
        }
        if (document.path("kind").asString().endsWith("List") && document.path("items").isArray()) {
            for (JsonNode item : document.path("items")) {
                readDocument(source, item);
            }
            return;
        }
        KubernetesResource resource;
        try {
            resource = KUBE.unmarshal(document.toString());
        } catch (RuntimeException e) {
            throw new ManifestException("malformed manifest " + source + ": " + document.path("kind").asString()
                    + " does not parse: " + e.getMessage(), e);
        }
        if (resource instanceof HasMetadata object && object.getMetadata() != null
                && object.getMetadata().getName() != null && ClusterObjects.add(object, builder)) {
            loaded++;
        } else {
            LOG.info("{}: skipping {} {} (not a kind Locus reads)", source, document.path("kind").asString(),
                    document.path("metadata").path("name").asString("?"));
        }
    }
}
