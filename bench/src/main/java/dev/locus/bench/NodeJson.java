package dev.locus.bench;

import dev.locus.cluster.NodeInfo;
import java.util.Map;

/** A realistic v1.Node as kube-scheduler sends it in Nodes mode (~3 KB: status, images, conditions). */
final class NodeJson {

    private NodeJson() {
    }

    static void append(StringBuilder json, NodeInfo node) {
        json.append("{\"metadata\":{\"name\":\"").append(node.name())
                .append("\",\"uid\":\"0b7c2c4e-1111-4000-8000-").append(String.format("%012d", node.name().hashCode() & 0xffffff))
                .append("\",\"resourceVersion\":\"123456\",\"creationTimestamp\":\"2025-01-01T00:00:00Z\",\"labels\":");
        map(json, node.labels());
        json.append(",\"annotations\":");
        map(json, node.annotations());
        json.append("},\"spec\":{\"podCIDR\":\"10.244.1.0/24\",\"providerID\":\"aws:///eu-west-1a/i-0123456789abcdef0\"},")
                .append("\"status\":{\"capacity\":{\"cpu\":\"8\",\"ephemeral-storage\":\"104845292Ki\",\"memory\":\"32386544Ki\",")
                .append("\"pods\":\"110\"},\"allocatable\":{\"cpu\":\"7910m\",\"ephemeral-storage\":\"95551679124\",")
                .append("\"memory\":\"31369712Ki\",\"pods\":\"110\"},\"conditions\":[");
        String[] conditions = {"MemoryPressure", "DiskPressure", "PIDPressure", "Ready"};
        for (int i = 0; i < conditions.length; i++) {
            json.append(i == 0 ? "" : ",").append("{\"type\":\"").append(conditions[i]).append("\",\"status\":\"")
                    .append(i == 3 ? "True" : "False").append("\",\"lastHeartbeatTime\":\"2025-06-01T10:00:00Z\",")
                    .append("\"lastTransitionTime\":\"2025-01-01T00:00:00Z\",\"reason\":\"Kubelet").append(conditions[i])
                    .append("\",\"message\":\"kubelet has no ").append(conditions[i].toLowerCase()).append("\"}");
        }
        json.append("],\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"10.0.0.1\"},{\"type\":\"Hostname\",\"address\":\"")
                .append(node.name()).append("\"}],\"nodeInfo\":{\"machineID\":\"ec2a0000000000000000000000000000\",")
                .append("\"kernelVersion\":\"6.1.0\",\"osImage\":\"Debian GNU/Linux 12\",\"containerRuntimeVersion\":")
                .append("\"containerd://1.7.0\",\"kubeletVersion\":\"v1.30.0\",\"operatingSystem\":\"linux\",")
                .append("\"architecture\":\"amd64\"},\"images\":[");
        for (int i = 0; i < 8; i++) {
            json.append(i == 0 ? "" : ",").append("{\"names\":[\"registry.example.com/team/service-").append(i)
                    .append("@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef\",")
                    .append("\"registry.example.com/team/service-").append(i).append(":v1.2.3\"],\"sizeBytes\":123456789}");
        }
        json.append("]}}");
    }

    private static void map(StringBuilder json, Map<String, String> map) {
        json.append('{');
        String sep = "";
        for (Map.Entry<String, String> e : map.entrySet()) {
            json.append(sep).append('"').append(e.getKey()).append("\":\"").append(e.getValue()).append('"');
            sep = ",";
        }
        json.append('}');
    }
}
