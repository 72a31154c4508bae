package dev.locus.topology;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.SnapshotKeyed;
import dev.locus.config.TopologySpec;
import java.util.Objects;

/**
 * The {@link TopologyIndex} of the two newest snapshots asked for ({@link SnapshotKeyed}:
 * requests straddling a new snapshot do not rebuild back and forth). A new snapshot whose
 * nodes carry the same names and topology labels as a held one reuses that index, with every
 * cached tier array; a topology change (node added, removed, relabelled) builds a new one.
 * Checking costs one pass over the nodes per new snapshot, never per request.
 */
public final class TopologyIndexes {

    private final String rackLabel;
    private final TopologySpec spec;
    private final SnapshotKeyed<TopologyIndex> indexes = new SnapshotKeyed<>();

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
        return indexes.get(snapshot, (s, held) -> held.stream().filter(i -> i.sameTopology(s.nodes())).findFirst()
                .orElseGet(() -> new TopologyIndex(s.nodes(), rackLabel, spec)));
    }
}
