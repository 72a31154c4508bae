package dev.locus.topology;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.config.TopologySpec;
import java.util.Objects;

/**
 * The {@link TopologyIndex} of the latest snapshot. A new snapshot whose nodes carry the
 * same names and topology labels keeps the current index, with every cached tier array; a
 * topology change (node added, removed, relabelled) builds a new one. Checking costs one
 * pass over the nodes per new snapshot, never per request.
 */
public final class TopologyIndexes {

    private record Current(ClusterSnapshot snapshot, TopologyIndex index) {
    }

    private final String rackLabel;
    private final TopologySpec spec;
    private volatile Current current;

    /**
     * @param rackLabel the node label naming a node's rack
     * @param spec      a weighted topology replacing the label tree, or null
     */
    public TopologyIndexes(String rackLabel, TopologySpec spec) {
        this.rackLabel = Objects.requireNonNull(rackLabel);
        this.spec = spec;
    }

    /** The index for {@code snapshot}; built at most once per topology. */
    public TopologyIndex of(ClusterSnapshot snapshot) {
        Current c = current;
        if (c != null && c.snapshot() == snapshot) {
            return c.index();
        }
        synchronized (this) {
            c = current;
            if (c != null && c.snapshot() == snapshot) {
                return c.index();
            }
            TopologyIndex index = c != null && c.index().sameTopology(snapshot.nodes()) ? c.index()
                    : new TopologyIndex(snapshot.nodes(), rackLabel, spec);
            current = new Current(snapshot, index);
            return index;
        }
    }
}
