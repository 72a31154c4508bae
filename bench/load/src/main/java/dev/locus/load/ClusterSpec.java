package dev.locus.load;

/**
 * The shape of a synthetic cluster. Two specs with equal fields generate byte-identical
 * manifests and requests.
 *
 * @param nodes         nodes, 1..20,000 (kube-scheduler's tested maximum is 5,000)
 * @param zones         zones in the one region, 1..nodes
 * @param nodesPerRack  nodes per rack, 1..nodes; racks never span zones
 * @param volumes       PersistentVolumes, each bound to one claim; at least pods × claimsPerPod
 * @param replicas      replica nodes per replicated volume (annotation {@code locus.dev/replica-nodes}), 1..nodes
 * @param claimsPerPod  claims each pod mounts, 1..16
 * @param pods          distinct pods the load cycles through, 1..100,000
 * @param localFraction share of volumes that are node-local PVs under policy {@code strict}, 0..1;
 *                      a pod with one of them passes the filter on one node only
 * @param seed          seed of every random choice
 */
public record ClusterSpec(int nodes, int zones, int nodesPerRack, int volumes, int replicas, int claimsPerPod,
                          int pods, double localFraction, long seed) {

    /** Largest cluster the generator accepts: 4× kube-scheduler's tested maximum. */
    public static final int MAX_NODES = 20_000;

    /** Validates every field; a bad value names its command-line flag. */
    public ClusterSpec {
        check(nodes >= 1 && nodes <= MAX_NODES, "--nodes must be in 1.." + MAX_NODES + ", got " + nodes);
        check(zones >= 1 && zones <= nodes, "--zones must be in 1..nodes (" + nodes + "), got " + zones);
        check(nodesPerRack >= 1 && nodesPerRack <= nodes, "--nodes-per-rack must be in 1..nodes, got " + nodesPerRack);
        check(replicas >= 1 && replicas <= nodes, "--replicas must be in 1..nodes (" + nodes + "), got " + replicas);
        check(claimsPerPod >= 1 && claimsPerPod <= 16, "--claims-per-pod must be in 1..16, got " + claimsPerPod);
        check(pods >= 1 && pods <= 100_000, "--pods must be in 1..100000, got " + pods);
        check(volumes >= (long) pods * claimsPerPod && volumes <= 1_000_000,
                "--volumes must be in pods × claims-per-pod (" + (long) pods * claimsPerPod + ")..1000000, got " + volumes);
        check(localFraction >= 0 && localFraction <= 1, "--local-fraction must be in 0..1, got " + localFraction);
    }

    /**
     * A spec for {@code nodes} nodes from per-node settings, as the sweep builds one per node
     * count: zones, rack size, replicas and pods are capped at the node count, and volumes are
     * {@code volumesPerNode × nodes} but never fewer than the pods' claims.
     */
    public static ClusterSpec forNodes(int nodes, int zones, int nodesPerRack, int volumesPerNode, int replicas,
                                       int claimsPerPod, int pods, double localFraction, long seed) {
        check(nodes >= 1 && nodes <= MAX_NODES, "--nodes must be in 1.." + MAX_NODES + ", got " + nodes);
        check(volumesPerNode >= 1 && volumesPerNode <= 50, "--volumes-per-node must be in 1..50, got " + volumesPerNode);
        int podCount = Math.min(pods, nodes);
        return new ClusterSpec(nodes, Math.min(zones, nodes), Math.min(nodesPerRack, nodes),
                Math.max(volumesPerNode * nodes, podCount * claimsPerPod), Math.min(replicas, nodes), claimsPerPod,
                podCount, localFraction, seed);
    }

    /** The defaults for {@code nodes}: 3 zones, 20 nodes per rack, 2 volumes per node, 3 replicas,
     *  2 claims per pod, 200 distinct pods, 10 % local volumes, seed 42. */
    public static ClusterSpec defaults(int nodes) {
        return forNodes(nodes, 3, 20, 2, 3, 2, 200, 0.1, 42);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
