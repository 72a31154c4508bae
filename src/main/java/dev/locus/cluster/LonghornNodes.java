package dev.locus.cluster;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;

/**
 * Reads Longhorn's {@code nodes.longhorn.io} objects (API version {@code longhorn.io/v1beta2}).
 * Their status, as Longhorn's manager writes it:
 * <pre>
 * status:
 *   conditions: [ {type: Ready, status: "False", reason: ManagerPodDown, ...}, {type: Schedulable, ...} ]
 *   diskStatus:
 *     default-disk-1: { conditions: [ {type: Ready, status: "True"}, {type: Schedulable, ...} ], ... }
 * </pre>
 * (v1beta1 kept conditions in a map by type; Locus watches v1beta2, the version Longhorn 1.3+ stores.)
 */
public final class LonghornNodes {

    private LonghornNodes() {
    }

    /** The record of a Longhorn Node object; see {@link LonghornNodeInfo} for what each field means. */
    public static LonghornNodeInfo of(GenericKubernetesResource r) {
        Map<String, Object> status = ClusterObjects.map(r.getAdditionalProperties().get("status"));
        Map<String, Object> ready = condition(status.get("conditions"), "Ready");
        boolean isReady = ready == null || "True".equals(ready.get("status"));
        String reason = isReady || !(ready.get("reason") instanceof String s) ? "" : s;
        Map<String, Object> schedulable = condition(status.get("conditions"), "Schedulable");
        boolean isSchedulable = schedulable == null || "True".equals(schedulable.get("status"));
        return new LonghornNodeInfo(r.getMetadata().getName(), isReady, reason, isSchedulable,
                disksDown(ClusterObjects.map(status.get("diskStatus"))));
    }

    /** True when there are disks and none reports a Ready condition that is True (or none at all). */
    private static boolean disksDown(Map<String, Object> disks) {
        if (disks.isEmpty()) {
            return false;
        }
        for (Object disk : disks.values()) {
            Map<String, Object> ready = condition(ClusterObjects.map(disk).get("conditions"), "Ready");
            if (ready == null || "True".equals(ready.get("status"))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The condition of {@code type} in a v1beta2 conditions list, or in the map by type that
     * v1beta1 objects (a manifest may hold one) carry; null when there is none.
     */
    private static Map<String, Object> condition(Object conditions, String type) {
        if (conditions instanceof Map<?, ?> byType) {
            Object condition = byType.get(type);
            return condition == null ? null : ClusterObjects.map(condition);
        }
        if (!(conditions instanceof List<?> list)) {
            return null;
        }
        for (Object item : list) {
            Map<String, Object> condition = ClusterObjects.map(item);
            if (type.equals(condition.get("type"))) {
                return condition;
            }
        }
        return null;
    }
}
