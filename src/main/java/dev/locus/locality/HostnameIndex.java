package dev.locus.locality;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.NodeInfo;
import dev.locus.cluster.NodeSelector;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * One snapshot's nodes by {@code kubernetes.io/hostname} label: reads the hostname values of a
 * {@link VolumePlacement} as node names, the way Kubernetes matches a PV's hostname node
 * affinity, by the label and never by the name. A node {@code a} labelled {@code b} holds the
 * data of a PV pinned to hostname {@code b}; a node named {@code b} labelled otherwise does not.
 *
 * <p>Design: on most clusters every hostname label is its node's name, so the index keeps
 * only the nodes where the two differ (usually none) and answers the rest with one lookup by
 * name; a placement whose hostnames are all their nodes' names is read without copying a set
 * (one small record per volume and request). Built once per snapshot (one pass over the
 * nodes), read only afterwards.
 */
public final class HostnameIndex {

    private final ClusterSnapshot snapshot;
    /** Hostname label value -> names of the nodes carrying it, only where the two differ (often empty). */
    private final Map<String, Set<String>> renamed = new HashMap<>();

    private HostnameIndex(ClusterSnapshot snapshot) {
        this.snapshot = snapshot;
        for (NodeInfo node : snapshot.nodes()) {
            String hostname = node.labels().get(NodeSelector.HOSTNAME);
            if (hostname != null && !hostname.equals(node.name())) {
                renamed.computeIfAbsent(hostname, h -> new HashSet<>()).add(node.name());
            }
        }
    }

    /** The index of {@code snapshot}'s nodes. */
    public static HostnameIndex of(ClusterSnapshot snapshot) {
        return new HostnameIndex(snapshot);
    }

    /** Names of the snapshot's nodes whose {@code kubernetes.io/hostname} label is {@code hostname}. */
    public Set<String> labelled(String hostname) {
        Set<String> others = renamed.getOrDefault(hostname, Set.of());
        NodeInfo same = snapshot.node(hostname);
        if (same == null || !hostname.equals(same.labels().get(NodeSelector.HOSTNAME))) {
            return others;
        }
        if (others.isEmpty()) {
            return Set.of(hostname);
        }
        Set<String> both = new HashSet<>(others);
        both.add(hostname);
        return both;
    }

    /**
     * {@code placement} with its hostname values read as node names: each stands for the nodes
     * labelled with it; a value no node of the snapshot carries or is named stays as a name
     * (a node whose labels nobody knows is taken to have its name as hostname, the kubelet's
     * default, as pinning does); a value that is only the name of a node labelled otherwise
     * stands for no node, since that node is not it. The same instance when the placement has
     * no hostname values.
     */
    public VolumePlacement byName(VolumePlacement placement) {
        Set<String> hostnames = placement.replicaHostnames();
        if (hostnames.isEmpty()) {
            return placement;
        }
        if (placement.replicaNodes().isEmpty() && ownNames(hostnames)) {
            return new VolumePlacement(hostnames, placement.zones(), placement.regions()); // no set copied
        }
        Set<String> nodes = new HashSet<>(placement.replicaNodes());
        for (String hostname : placement.replicaHostnames()) {
            Set<String> labelled = labelled(hostname);
            if (!labelled.isEmpty()) {
                nodes.addAll(labelled);
            } else if (snapshot.node(hostname) == null) {
                nodes.add(hostname);
            }
        }
        return new VolumePlacement(nodes, placement.zones(), placement.regions());
    }

    /** True when each hostname is the label of the node of that name and of no other node: the common case. */
    private boolean ownNames(Set<String> hostnames) {
        for (String hostname : hostnames) {
            NodeInfo node = snapshot.node(hostname);
            if (node == null || renamed.containsKey(hostname)
                    || !hostname.equals(node.labels().get(NodeSelector.HOSTNAME))) {
                return false;
            }
        }
        return true;
    }
}
