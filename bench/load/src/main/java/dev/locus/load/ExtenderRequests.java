package dev.locus.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ExtenderArgs bodies of one synthetic cluster in one node mode, byte for byte as
 * kube-scheduler lays them out: {@code {"Pod":…,"Nodes":…,"NodeNames":…}} with the unused
 * node key {@code null}.
 *
 * <p>Every pod is offered every node (kube-scheduler with {@code percentageOfNodesToScore: 100}),
 * in one shuffled order. A body is a list of parts (the pod's prefix, then the node part shared
 * by every pod) so a 30 MB Nodes-mode body is never copied per request.
 */
public final class ExtenderRequests {

    /** A request body as parts sent back to back; {@code length} is their total size in bytes. */
    public record Body(List<byte[]> parts, long length) {

        /** The body as one array (samples and tests; the load path sends the parts). */
        public byte[] bytes() {
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) length);
            parts.forEach(out::writeBytes);
            return out.toByteArray();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final NodeMode mode;
    private final List<String> offered;
    private final Map<String, Integer> position;
    private final byte[][] nodeJson;
    private final byte[][] podPrefix;
    private final byte[] allNodes;

    private ExtenderRequests(NodeMode mode, List<String> offered, byte[][] nodeJson, byte[][] podPrefix) {
        this.mode = mode;
        this.offered = offered;
        this.nodeJson = nodeJson;
        this.podPrefix = podPrefix;
        this.position = new HashMap<>();
        for (int i = 0; i < offered.size(); i++) {
            position.put(offered.get(i), i);
        }
        int[] all = new int[offered.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        this.allNodes = nodePart(all);
    }

    /** Serialises the pods (and, in Nodes mode, the full Node objects) of {@code cluster}. */
    public static ExtenderRequests build(SyntheticCluster cluster, NodeMode mode) {
        List<String> offered = cluster.offerOrder();
        byte[][] nodeJson = null;
        if (mode == NodeMode.NODES) {
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < cluster.nodes().size(); i++) {
                index.put(cluster.nodes().get(i).name(), i);
            }
            nodeJson = new byte[offered.size()][];
            for (int i = 0; i < offered.size(); i++) {
                int n = index.get(offered.get(i));
                nodeJson[i] = write(NodeObjects.node(cluster.nodes().get(n), n));
            }
        }
        byte[][] prefixes = new byte[cluster.pods().size()][];
        for (int p = 0; p < prefixes.length; p++) {
            prefixes[p] = concat("{\"Pod\":".getBytes(StandardCharsets.UTF_8), write(PodObjects.pod(cluster.pods().get(p))));
        }
        return new ExtenderRequests(mode, offered, nodeJson, prefixes);
    }

    /** The node mode of every body. */
    public NodeMode mode() {
        return mode;
    }

    /** Distinct pods; request i carries pod {@code i mod pods()}. */
    public int pods() {
        return podPrefix.length;
    }

    /** Node names in the order every filter request offers them. */
    public List<String> offered() {
        return offered;
    }

    /** The filter body for {@code pod}: every node offered. */
    public Body filter(int pod) {
        return body(pod, allNodes);
    }

    /**
     * The prioritize body for {@code pod} after a filter let {@code passing} through, as the
     * scheduler sends it: only the passing nodes, in offer order.
     *
     * @throws IllegalArgumentException when a passing name was never offered (the scheduler fails the cycle then)
     */
    public Body prioritize(int pod, List<String> passing) {
        int[] indices = new int[passing.size()];
        for (int i = 0; i < indices.length; i++) {
            Integer at = position.get(passing.get(i));
            if (at == null) {
                throw new IllegalArgumentException("filter passed node '" + passing.get(i) + "' that was not offered");
            }
            indices[i] = at;
        }
        if (indices.length == offered.size()) {
            return body(pod, allNodes);
        }
        java.util.Arrays.sort(indices);
        return body(pod, nodePart(indices));
    }

    private Body body(int pod, byte[] nodes) {
        byte[] prefix = podPrefix[pod];
        return new Body(List.of(prefix, nodes), (long) prefix.length + nodes.length);
    }

    /** {@code ,"Nodes":…,"NodeNames":…}} for the offered nodes at {@code indices}. */
    private byte[] nodePart(int[] indices) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (mode == NodeMode.NODES) {
            out.writeBytes(",\"Nodes\":{\"metadata\":{},\"items\":[".getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < indices.length; i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.writeBytes(nodeJson[indices[i]]);
            }
            out.writeBytes("]},\"NodeNames\":null}".getBytes(StandardCharsets.UTF_8));
        } else {
            List<String> names = new ArrayList<>(indices.length);
            for (int index : indices) {
                names.add(offered.get(index));
            }
            out.writeBytes(",\"Nodes\":null,\"NodeNames\":".getBytes(StandardCharsets.UTF_8));
            out.writeBytes(write(names));
            out.write('}');
        }
        return out.toByteArray();
    }

    private static byte[] write(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise a generated object", e);
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }
}
