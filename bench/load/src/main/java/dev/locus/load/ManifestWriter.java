package dev.locus.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link SyntheticCluster} as YAML manifests that {@code locus serve --manifests DIR}
 * loads: {@code 00-storageclasses-000.yaml}, {@code 10-nodes-NNN.yaml}, {@code 20-volumes-NNN.yaml}
 * (PersistentVolumes and their bound claims), one YAML document per object.
 *
 * <p>Nodes here carry only the metadata Locus reads (name and labels); the full, several-KB
 * Node objects kube-scheduler sends in Nodes mode are in the requests ({@link NodeObjects}).
 */
public final class ManifestWriter {

    /**
     * Most objects per file: 1,000 keeps every file under ~1 MB, easy to open and diff. (Locus reads
     * YAML documents of up to 256 M characters, so this is for people, not for Locus.)
     */
    static final int OBJECTS_PER_FILE = 1000;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build());

    private ManifestWriter() {
    }

    /** Writes the manifests into {@code dir} (created if missing); returns the bytes written. */
    public static long write(SyntheticCluster cluster, Path dir) throws IOException {
        Files.createDirectories(dir);
        return writeFiles(dir, "00-storageclasses", storageClasses())
                + writeFiles(dir, "10-nodes", nodes(cluster))
                + writeFiles(dir, "20-volumes", volumes(cluster));
    }

    /** {@code prefix-000.yaml}, {@code prefix-001.yaml}, ...: one YAML document per object. */
    private static long writeFiles(Path dir, String prefix, ArrayNode items) throws IOException {
        long bytes = 0;
        for (int first = 0, file = 0; first < items.size(); first += OBJECTS_PER_FILE, file++) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (SequenceWriter writer = YAML.writer().writeValues(out)) {
                for (int i = first; i < Math.min(items.size(), first + OBJECTS_PER_FILE); i++) {
                    writer.write(items.get(i));
                }
            }
            Files.write(dir.resolve(String.format("%s-%03d.yaml", prefix, file)), out.toByteArray());
            bytes += out.size();
        }
        return bytes;
    }

    private static ArrayNode storageClasses() {
        ArrayNode items = JSON.arrayNode();
        ObjectNode replicated = object("storage.k8s.io/v1", "StorageClass", SyntheticCluster.REPLICATED_CLASS, null);
        replicated.put("provisioner", "driver.longhorn.io").put("volumeBindingMode", "Immediate");
        ObjectNode local = object("storage.k8s.io/v1", "StorageClass", SyntheticCluster.LOCAL_CLASS, null);
        ((ObjectNode) local.get("metadata")).putObject("annotations").put("locus.dev/locality", "strict");
        local.put("provisioner", "topolvm.io").put("volumeBindingMode", "WaitForFirstConsumer");
        return items.add(replicated).add(local);
    }

    private static ArrayNode nodes(SyntheticCluster cluster) {
        ArrayNode items = JSON.arrayNode();
        for (SyntheticCluster.Node node : cluster.nodes()) {
            ObjectNode object = object("v1", "Node", node.name(), null);
            ObjectNode labels = ((ObjectNode) object.get("metadata")).putObject("labels");
            NodeObjects.topologyLabels(node, labels);
            items.add(object);
        }
        return items;
    }

    private static ArrayNode volumes(SyntheticCluster cluster) {
        ArrayNode items = JSON.arrayNode();
        for (SyntheticCluster.Volume volume : cluster.volumes()) {
            items.add(persistentVolume(volume));
            items.add(claim(volume));
        }
        return items;
    }

    private static ObjectNode persistentVolume(SyntheticCluster.Volume volume) {
        ObjectNode pv = object("v1", "PersistentVolume", volume.name(), null);
        if (!volume.local()) {
            ((ObjectNode) pv.get("metadata")).putObject("annotations")
                    .put("locus.dev/replica-nodes", String.join(",", volume.nodes()));
        }
        ObjectNode spec = pv.putObject("spec");
        spec.putObject("capacity").put("storage", volume.sizeGi() + "Gi");
        spec.putArray("accessModes").add("ReadWriteOnce");
        spec.put("storageClassName", storageClass(volume));
        spec.putObject("csi").put("driver", volume.local() ? "topolvm.io" : "driver.longhorn.io")
                .put("volumeHandle", volume.name());
        spec.putObject("claimRef").put("namespace", SyntheticCluster.NAMESPACE).put("name", volume.claim());
        if (volume.local()) {
            ObjectNode expression = spec.putObject("nodeAffinity").putObject("required")
                    .putArray("nodeSelectorTerms").addObject().putArray("matchExpressions").addObject();
            expression.put("key", "kubernetes.io/hostname").put("operator", "In");
            expression.putArray("values").add(volume.nodes().get(0));
        }
        return pv;
    }

    private static ObjectNode claim(SyntheticCluster.Volume volume) {
        ObjectNode pvc = object("v1", "PersistentVolumeClaim", volume.claim(), SyntheticCluster.NAMESPACE);
        ObjectNode spec = pvc.putObject("spec");
        spec.putArray("accessModes").add("ReadWriteOnce");
        spec.put("storageClassName", storageClass(volume));
        spec.putObject("resources").putObject("requests").put("storage", volume.sizeGi() + "Gi");
        spec.put("volumeName", volume.name());
        return pvc;
    }

    private static String storageClass(SyntheticCluster.Volume volume) {
        return volume.local() ? SyntheticCluster.LOCAL_CLASS : SyntheticCluster.REPLICATED_CLASS;
    }

    private static ObjectNode object(String apiVersion, String kind, String name, String namespace) {
        ObjectNode object = JSON.objectNode().put("apiVersion", apiVersion).put("kind", kind);
        ObjectNode metadata = object.putObject("metadata").put("name", name);
        if (namespace != null) {
            metadata.put("namespace", namespace);
        }
        return object;
    }
}
