package dev.locus.bench;

import dev.locus.api.CandidateNode;
import dev.locus.api.ExtenderArgs;
import dev.locus.api.NodeMode;
import dev.locus.api.PodInfo;
import dev.locus.cluster.ClaimInfo;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeInfo;
import dev.locus.cluster.NodeSelector;
import dev.locus.cluster.ObjectKey;
import dev.locus.cluster.VolumeInfo;
import dev.locus.locality.ReplicaAnnotationLocality;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A deterministic synthetic cluster for benchmarks: {@code nodes} nodes in 2 regions x 3
 * zones, 20 nodes per rack, every 10th node's storage degraded; {@code volumes} bound claims
 * of 10..1000 GiB with 3 replicas each on random nodes; a pod mounting all of them; and the
 * kube-scheduler request for it in either node mode, as bytes.
 */
public final class SyntheticCluster {

    public static final String NAMESPACE = "bench";
    private static final long GIB = 1L << 30;

    public final ClusterSnapshot snapshot;
    public final PodInfo pod;
    public final List<NodeInfo> nodes;

    public SyntheticCluster(int nodeCount, int volumeCount) {
        Random random = new Random(nodeCount * 31L + volumeCount);
        ClusterSnapshot.Builder b = ClusterSnapshot.builder().generation(1);
        List<NodeInfo> list = new ArrayList<>(nodeCount);
        for (int i = 0; i < nodeCount; i++) {
            NodeInfo node = node(i);
            list.add(node);
            b.node(node);
        }
        List<String> claims = new ArrayList<>();
        for (int v = 0; v < volumeCount; v++) {
            String claim = "data-" + v;
            String replicas = String.join(",", name(random.nextInt(nodeCount)), name(random.nextInt(nodeCount)),
                    name(random.nextInt(nodeCount)));
            long size = (10 + random.nextInt(990)) * GIB;
            b.volume(new VolumeInfo("pv-" + claim, "replicated", size, "driver.longhorn.io", "pv-" + claim, null,
                    new ObjectKey(NAMESPACE, claim), Map.of(ReplicaAnnotationLocality.ANNOTATION, replicas)));
            b.claim(new ClaimInfo(new ObjectKey(NAMESPACE, claim), "pv-" + claim, "replicated", size, Map.of()));
            claims.add(claim);
        }
        this.snapshot = b.build();
        this.pod = new PodInfo(NAMESPACE, "app-0", Map.of(), claims);
        this.nodes = List.copyOf(list);
    }

    private static String name(int i) {
        return String.format("node-%05d", i);
    }

    private static NodeInfo node(int i) {
        Map<String, String> labels = new HashMap<>();
        labels.put(NodeSelector.HOSTNAME, name(i));
        labels.put(NodeSelector.REGION, "region-" + (i % 2));
        labels.put(NodeSelector.ZONE, "zone-" + (i % 2) + "-" + (i / 2 % 3));
        labels.put("topology.locus.dev/rack", "rack-" + (i / 20));
        labels.put("kubernetes.io/os", "linux");
        labels.put("node.kubernetes.io/instance-type", "m5.2xlarge");
        Map<String, String> annotations = i % 10 == 9 ? Map.of("locus.dev/storage-state", "degraded") : Map.of();
        return new NodeInfo(name(i), labels, annotations);
    }

    /** The candidates in a shuffled order (kube-scheduler sends them in no particular order). */
    public List<NodeInfo> shuffledNodes() {
        List<NodeInfo> shuffled = new ArrayList<>(nodes);
        Collections.shuffle(shuffled, new Random(7));
        return shuffled;
    }

    /** The decoded request, built directly (no JSON). */
    public ExtenderArgs args(NodeMode mode) {
        List<CandidateNode> candidates = shuffledNodes().stream().map(n -> mode == NodeMode.NODE_NAMES
                ? CandidateNode.named(n.name()) : new CandidateNode(n.name(), n.labels(), n.annotations(), 0, 0)).toList();
        return new ExtenderArgs(pod, mode, candidates, new byte[0]);
    }

    /** The request body kube-scheduler would send, in {@code mode}. */
    public byte[] requestBody(NodeMode mode) {
        StringBuilder json = new StringBuilder(256 + nodes.size() * (mode == NodeMode.NODES ? 3200 : 24));
        json.append("{\"Pod\":").append(podJson()).append(',');
        if (mode == NodeMode.NODES) {
            json.append("\"Nodes\":{\"metadata\":{},\"items\":[");
            String sep = "";
            for (NodeInfo n : shuffledNodes()) {
                json.append(sep);
                NodeJson.append(json, n);
                sep = ",";
            }
            json.append("]},\"NodeNames\":null}");
        } else {
            json.append("\"Nodes\":null,\"NodeNames\":[");
            String sep = "";
            for (NodeInfo n : shuffledNodes()) {
                json.append(sep).append('"').append(n.name()).append('"');
                sep = ",";
            }
            json.append("]}");
        }
        return json.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private String podJson() {
        StringBuilder volumes = new StringBuilder();
        String sep = "";
        for (String claim : pod.claimNames()) {
            volumes.append(sep).append("{\"name\":\"").append(claim).append("\",\"persistentVolumeClaim\":{\"claimName\":\"")
                    .append(claim).append("\"}}");
            sep = ",";
        }
        volumes.append(sep).append("{\"name\":\"kube-api-access\",\"projected\":{\"sources\":[{\"serviceAccountToken\":"
                + "{\"expirationSeconds\":3607,\"path\":\"token\"}}]}}");
        return "{\"metadata\":{\"name\":\"app-0\",\"namespace\":\"" + NAMESPACE + "\",\"uid\":\"5d1c7c1e-0000-4000-8000-"
                + "000000000000\",\"labels\":{\"app\":\"db\"}},\"spec\":{\"volumes\":[" + volumes
                + "],\"containers\":[{\"name\":\"db\",\"image\":\"postgres:16\",\"resources\":{\"requests\":"
                + "{\"cpu\":\"2\",\"memory\":\"8Gi\"}}}],\"schedulerName\":\"locus\"},\"status\":{\"phase\":\"Pending\"}}";
    }
}
