package dev.locus.load;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Full v1.Node objects as kube-scheduler sends them in Nodes mode (nodeCacheCapable: false):
 * labels, kubelet annotations, managedFields, and a status with capacity, conditions,
 * addresses, nodeInfo and a list of cached images. About 6 KB each as compact JSON, within
 * the 3–20 KB real nodes weigh (the image list is what makes real ones large). Like the real
 * scheduler's, the objects carry no kind/apiVersion.
 */
public final class NodeObjects {

    /** Cached images per node; each adds ~250 bytes. Real nodes list 10–50. */
    static final int IMAGES = 12;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final String TIME = "2026-11-01T08:00:00Z";
    private static final String[] CONDITIONS = {
        "MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available",
        "DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure",
        "PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available",
        "Ready", "True", "KubeletReady", "kubelet is posting ready status. AppArmor enabled",
    };
    private static final String[] IMAGE_NAMES = {
        "docker.io/longhornio/longhorn-engine", "docker.io/longhornio/longhorn-instance-manager",
        "docker.io/longhornio/longhorn-manager", "registry.k8s.io/kube-proxy", "docker.io/calico/node",
        "docker.io/calico/cni", "registry.k8s.io/sig-storage/csi-node-driver-registrar",
        "quay.io/prometheus/node-exporter", "docker.io/library/postgres", "docker.io/bitnami/kafka",
        "registry.k8s.io/coredns/coredns", "registry.k8s.io/pause",
    };

    private NodeObjects() {
    }

    /** The labels Locus reads: hostname, region, zone, rack, plus os and arch. */
    public static void topologyLabels(SyntheticCluster.Node node, ObjectNode labels) {
        labels.put("kubernetes.io/arch", "amd64")
                .put("kubernetes.io/hostname", node.name())
                .put("kubernetes.io/os", "linux")
                .put("topology.kubernetes.io/region", SyntheticCluster.REGION)
                .put("topology.kubernetes.io/zone", node.zone())
                .put("topology.locus.dev/rack", node.rack());
    }

    /** The Node as the scheduler's informer holds it; deterministic for a node. */
    public static ObjectNode node(SyntheticCluster.Node node, int index) {
        ObjectNode object = JSON.objectNode();
        ObjectNode metadata = object.putObject("metadata").put("name", node.name()).put("uid", node.uid())
                .put("resourceVersion", String.valueOf(100_000 + index)).put("creationTimestamp", TIME);
        ObjectNode labels = metadata.putObject("labels");
        labels.put("beta.kubernetes.io/arch", "amd64").put("beta.kubernetes.io/os", "linux")
                .put("node.kubernetes.io/instance-type", "m6i.2xlarge");
        topologyLabels(node, labels);
        metadata.putObject("annotations")
                .put("csi.volume.kubernetes.io/nodeid", "{\"driver.longhorn.io\":\"" + node.name() + "\",\"topolvm.io\":\""
                        + node.name() + "\"}")
                .put("kubeadm.alpha.kubernetes.io/cri-socket", "unix:///run/containerd/containerd.sock")
                .put("node.alpha.kubernetes.io/ttl", "0")
                .put("volumes.kubernetes.io/controller-managed-attach-detach", "true");
        managedFields(metadata.putArray("managedFields"));
        object.putObject("spec").put("podCIDR", podCidr(index)).put("providerID", "aws:///" + node.zone() + "/i-"
                + node.uid().substring(0, 17).replace("-", ""));
        status(object.putObject("status"), node, index);
        return object;
    }

    private static void managedFields(ArrayNode fields) {
        ObjectNode kubelet = fields.addObject().put("manager", "kubelet").put("operation", "Update")
                .put("apiVersion", "v1").put("time", TIME).put("fieldsType", "FieldsV1");
        ObjectNode status = kubelet.putObject("fieldsV1").putObject("f:status");
        for (String key : new String[] {"f:allocatable", "f:capacity"}) {
            empty(status.putObject(key), ".", "f:cpu", "f:ephemeral-storage", "f:memory", "f:pods");
        }
        ObjectNode conditions = status.putObject("f:conditions");
        for (int i = 0; i < CONDITIONS.length; i += 4) {
            empty(conditions.putObject("k:{\"type\":\"" + CONDITIONS[i] + "\"}"), ".", "f:lastHeartbeatTime",
                    "f:lastTransitionTime", "f:message", "f:reason", "f:status", "f:type");
        }
        empty(status, "f:images");
        empty(status.putObject("f:nodeInfo"), "f:bootID", "f:kernelVersion", "f:osImage");
        kubelet.put("subresource", "status");
        ObjectNode spec = fields.addObject().put("manager", "kube-controller-manager").put("operation", "Update")
                .put("apiVersion", "v1").put("time", TIME).put("fieldsType", "FieldsV1")
                .putObject("fieldsV1").putObject("f:spec");
        empty(spec, "f:podCIDR");
        empty(spec.putObject("f:podCIDRs"), ".", "v:\"10.64.0.0/24\"");
    }

    /** managedFields leaves: each key maps to an empty object. */
    private static void empty(ObjectNode object, String... keys) {
        for (String key : keys) {
            object.putObject(key);
        }
    }

    private static void status(ObjectNode status, SyntheticCluster.Node node, int index) {
        for (String key : new String[] {"capacity", "allocatable"}) {
            status.putObject(key).put("cpu", "8").put("ephemeral-storage", "203070420Ki")
                    .put("hugepages-1Gi", "0").put("hugepages-2Mi", "0")
                    .put("memory", key.equals("capacity") ? "32386820Ki" : "32284420Ki").put("pods", "110");
        }
        ArrayNode conditions = status.putArray("conditions");
        for (int i = 0; i < CONDITIONS.length; i += 4) {
            conditions.addObject().put("type", CONDITIONS[i]).put("status", CONDITIONS[i + 1])
                    .put("lastHeartbeatTime", TIME).put("lastTransitionTime", TIME)
                    .put("reason", CONDITIONS[i + 2]).put("message", CONDITIONS[i + 3]);
        }
        status.putArray("addresses")
                .add(JSON.objectNode().put("type", "InternalIP").put("address", ip(index)))
                .add(JSON.objectNode().put("type", "Hostname").put("address", node.name()));
        status.putObject("daemonEndpoints").putObject("kubeletEndpoint").put("Port", 10250);
        status.putObject("nodeInfo").put("machineID", node.uid().replace("-", ""))
                .put("systemUUID", node.uid()).put("bootID", node.uid())
                .put("kernelVersion", "6.1.0-18-cloud-amd64").put("osImage", "Debian GNU/Linux 12 (bookworm)")
                .put("containerRuntimeVersion", "containerd://1.7.13").put("kubeletVersion", "v1.30.4")
                .put("kubeProxyVersion", "v1.30.4").put("operatingSystem", "linux").put("architecture", "amd64");
        ArrayNode images = status.putArray("images");
        for (int i = 0; i < IMAGES; i++) {
            String name = IMAGE_NAMES[i % IMAGE_NAMES.length];
            images.addObject().put("sizeBytes", 10_000_000L + 7_919_111L * i)
                    .putArray("names").add(name + "@sha256:" + digest(name, i)).add(name + ":v1." + (20 + i) + ".0");
        }
    }

    private static String podCidr(int index) {
        return "10." + (64 + index / 256 % 64) + "." + index % 256 + ".0/24";
    }

    private static String ip(int index) {
        return "10.0." + index / 250 % 256 + "." + (index % 250 + 4);
    }

    /** A fake but stable 64-hex-digit digest. */
    private static String digest(String name, int i) {
        StringBuilder hex = new StringBuilder(64);
        long h = name.hashCode() * 0x9E3779B97F4A7C15L + i;
        while (hex.length() < 64) {
            h = h * 6364136223846793005L + 1442695040888963407L;
            hex.append(String.format("%016x", h));
        }
        return hex.substring(0, 64);
    }
}
