package dev.locus.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Pending Pods as kube-scheduler sends them: the full object with its claims in
 * {@code spec.volumes}, the projected service-account volume beside them, a container,
 * tolerations and {@code status.phase: Pending} (shape of the v1.24 captures). ~1.5 KB each.
 */
public final class PodObjects {

    /** The scheduler name the pods ask for (the second scheduler that calls Locus). */
    public static final String SCHEDULER_NAME = "locus-scheduler";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private PodObjects() {
    }

    /** The Pod; deterministic for a pod. */
    public static ObjectNode pod(SyntheticCluster.Pod pod) {
        ObjectNode object = JSON.objectNode();
        ObjectNode metadata = object.putObject("metadata").put("name", pod.name())
                .put("namespace", SyntheticCluster.NAMESPACE).put("uid", pod.uid())
                .put("resourceVersion", "4242").put("creationTimestamp", "2026-11-01T09:00:00Z");
        metadata.putObject("labels").put("app", "load").put("pod-template-hash", "7d9c8b6f5");
        ObjectNode spec = object.putObject("spec");
        ArrayNode volumes = spec.putArray("volumes");
        ArrayNode mounts = JSON.arrayNode();
        for (int i = 0; i < pod.claims().size(); i++) {
            String name = "data-" + i;
            volumes.addObject().put("name", name).putObject("persistentVolumeClaim").put("claimName", pod.claims().get(i));
            mounts.addObject().put("name", name).put("mountPath", "/data/" + i);
        }
        serviceAccountVolume(volumes.addObject().put("name", "kube-api-access-x7k2q"));
        mounts.addObject().put("name", "kube-api-access-x7k2q").put("readOnly", true)
                .put("mountPath", "/var/run/secrets/kubernetes.io/serviceaccount");
        ObjectNode container = spec.putArray("containers").addObject().put("name", "app")
                .put("image", "docker.io/library/postgres:16.4");
        container.putObject("resources").putObject("requests").put("cpu", "500m").put("memory", "1Gi");
        container.set("volumeMounts", mounts);
        container.put("terminationMessagePath", "/dev/termination-log").put("terminationMessagePolicy", "File")
                .put("imagePullPolicy", "IfNotPresent");
        spec.put("restartPolicy", "Always").put("terminationGracePeriodSeconds", 30).put("dnsPolicy", "ClusterFirst")
                .put("serviceAccountName", "default").put("serviceAccount", "default").put("schedulerName", SCHEDULER_NAME);
        spec.putObject("securityContext");
        ArrayNode tolerations = spec.putArray("tolerations");
        for (String key : new String[] {"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"}) {
            tolerations.addObject().put("key", key).put("operator", "Exists").put("effect", "NoExecute")
                    .put("tolerationSeconds", 300);
        }
        spec.put("priority", 0).put("enableServiceLinks", true).put("preemptionPolicy", "PreemptLowerPriority");
        object.putObject("status").put("phase", "Pending").put("qosClass", "Burstable");
        return object;
    }

    private static void serviceAccountVolume(ObjectNode volume) {
        ObjectNode projected = volume.putObject("projected");
        ArrayNode sources = projected.putArray("sources");
        sources.addObject().putObject("serviceAccountToken").put("expirationSeconds", 3607).put("path", "token");
        sources.addObject().putObject("configMap").put("name", "kube-root-ca.crt").putArray("items").addObject()
                .put("key", "ca.crt").put("path", "ca.crt");
        sources.addObject().putObject("downwardAPI").putArray("items").addObject().put("path", "namespace")
                .putObject("fieldRef").put("apiVersion", "v1").put("fieldPath", "metadata.namespace");
        projected.put("defaultMode", 420);
    }
}
