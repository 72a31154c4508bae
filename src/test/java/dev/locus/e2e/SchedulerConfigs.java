package dev.locus.e2e;

import java.net.URI;
import java.nio.file.Path;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

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

    static final ObjectMapper YAML = new YAMLMapper();

    private SchedulerConfigs() {
    }

    /** {@code scheduler-config/FILE} of the project, with the v1.24 changes. */
    public static ObjectNode shipped(String file, URI locusUrl, Path kubeconfig) {
        ObjectNode config;
        try {
            config = (ObjectNode) YAML.readTree(Path.of("scheduler-config", file).toFile());
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot read scheduler-config/" + file + ": " + e.getMessage(), e);
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
        YAML.writeValue(file.toFile(), config);
    }
}
