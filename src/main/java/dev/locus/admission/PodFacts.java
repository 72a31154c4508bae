package dev.locus.admission;

import tools.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What the decision reads from a pod in an admission request, read once.
 *
 * @param namespace     the pod's namespace
 * @param name          {@code metadata.name}, else {@code generateName} (pods of a ReplicaSet
 *                      have no name yet when they are admitted), for log lines
 * @param schedulerName {@code spec.schedulerName}, or null when absent (the API server
 *                      defaults it to {@code default-scheduler} before webhooks run)
 * @param volumes       the pod's claims and generic ephemeral volumes, in pod order
 */
public record PodFacts(String namespace, String name, String schedulerName, List<Volume> volumes) {

    public PodFacts {
        volumes = List.copyOf(volumes);
    }

    /** A volume that may be Locus's: a claim by name, or an ephemeral claim by its template's class. */
    public sealed interface Volume permits Claim, Ephemeral {
    }

    /** {@code persistentVolumeClaim.claimName}: judged by the claim's class, once the cache holds the claim. */
    public record Claim(String claimName) implements Volume {
    }

    /**
     * A generic ephemeral volume: its claim ({@code <pod>-<volume>}) is created after the pod,
     * so it is judged by the template's class; null means the cluster's default class.
     */
    public record Ephemeral(String volumeName, String storageClass) implements Volume {
    }

    /**
     * Reads {@code pod} ({@code request.object}); throws {@link IllegalArgumentException}
     * naming the field when the object is not a pod the webhook can judge.
     *
     * @param namespace {@code request.namespace}, preferred over {@code metadata.namespace}
     */
    public static PodFacts of(JsonNode pod, String namespace) {
        if (pod == null || !pod.isObject()) {
            throw new IllegalArgumentException("request.object is not a JSON object");
        }
        JsonNode metadata = pod.path("metadata");
        JsonNode spec = pod.path("spec");
        if (!metadata.isObject() || !spec.isObject()) {
            throw new IllegalArgumentException("request.object has no metadata or spec object");
        }
        String ns = namespace != null ? namespace : metadata.path("namespace").asString("");
        String name = metadata.path("name").isString() ? metadata.path("name").asString()
                : metadata.path("generateName").asString("");
        JsonNode scheduler = spec.path("schedulerName");
        return new PodFacts(ns, name, scheduler.isString() ? scheduler.asString() : null, volumes(spec.path("volumes")));
    }

    private static List<Volume> volumes(JsonNode list) {
        if (list.isMissingNode() || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("spec.volumes is not a list");
        }
        List<Volume> volumes = new ArrayList<>();
        for (JsonNode volume : list) {
            JsonNode claim = volume.path("persistentVolumeClaim").path("claimName");
            JsonNode template = volume.path("ephemeral").path("volumeClaimTemplate");
            if (claim.isString() && !claim.asString().isEmpty()) {
                volumes.add(new Claim(claim.asString()));
            } else if (template.isObject()) {
                JsonNode storageClass = template.path("spec").path("storageClassName");
                volumes.add(new Ephemeral(volume.path("name").asString(""),
                        storageClass.isString() ? storageClass.asString() : null));
            }
        }
        return volumes;
    }
}
