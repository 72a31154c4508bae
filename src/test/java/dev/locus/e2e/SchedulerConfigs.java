package dev.locus.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;

/**
 * The shipped scheduler configurations ({@code scheduler-config/*.yaml}) made runnable by the
 * v1.24 test scheduler, changing only what it forces: {@code apiVersion} v1beta3 (v1.24 does not
 * read v1), the extender URL (Locus on loopback instead of its Service), leader election off
 * (one scheduler, no lease to wait for) and {@code clientConnection.kubeconfig} (the shipped
 * file runs in-cluster, with the pod's service account). Everything else, weight,
 * nodeCacheCapable, httpTimeout, ignorable, percentageOfNodesToScore and the profile, is the
 * shipped value.
 */
public final class SchedulerConfigs {

    /** The API version kube-scheduler v1.24 reads. */
    public static final String API_VERSION = "kubescheduler.config.k8s.io/v1beta3";

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SchedulerConfigs() {
    }

    /** {@code scheduler-config/FILE} of the project, with the v1.24 changes. */
    public static ObjectNode shipped(String file, URI locusUrl, Path kubeconfig) {
        ObjectNode config;
        try {
            config = (ObjectNode) YAML.readTree(Path.of("scheduler-config", file).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read scheduler-config/" + file, e);
        }
        config.put("apiVersion", API_VERSION);
        config.withObjectProperty("leaderElection").put("leaderElect", false);
        config.withObjectProperty("clientConnection").put("kubeconfig", kubeconfig.toAbsolutePath().toString());
        for (JsonNode extender : config.path("extenders")) {
            ((ObjectNode) extender).put("urlPrefix", locusUrl.toString());
        }
        return config;
    }

    static void write(ObjectNode config, Path file) {
        try {
            YAML.writeValue(file.toFile(), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
