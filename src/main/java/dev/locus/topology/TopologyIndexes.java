package dev.locus.topology;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.config.TopologySpec;
import java.util.List;
import java.util.Objects;

/**
 * Builds the {@link TopologyIndex} of a snapshot. A snapshot whose nodes carry the same names
 * and topology labels as a held index reuses that index, with every cached tier array; a
 * topology change (node added, removed, relabelled) builds a new one. Checking costs one pass
 * over the nodes per new snapshot, never per request.
 *
 * <p>Holds no index itself: the caller keeps one per snapshot, for the two newest
 * ({@code PlacementEngine} keeps them inside its per-snapshot {@code ClusterIndex}, one
 * {@link dev.locus.cluster.SnapshotKeyed} lookup per request), and hands the held ones back here.
 */
public final class TopologyIndexes {

    private final String rackLabel;
    private final TopologySpec spec;

    /**
     * @param rackLabel the node label naming a node's rack
     * @param spec      a weighted topology replacing the label tree, or null
     */
    public TopologyIndexes(String rackLabel, TopologySpec spec) {
        this.rackLabel = Objects.requireNonNull(rackLabel);
        this.spec = spec;
    }

    /** The index for {@code snapshot}: the first of {@code held} with the same topology, or a new one. */
    public TopologyIndex of(ClusterSnapshot snapshot, List<TopologyIndex> held) {
        return held.stream().filter(i -> i.sameTopology(snapshot.nodes())).findFirst()
                .orElseGet(() -> new TopologyIndex(snapshot.nodes(), rackLabel, spec));
    }

    /** A new index for {@code snapshot}, sharing nothing with another. */
    public TopologyIndex of(ClusterSnapshot snapshot) {
        return of(snapshot, List.of());
    }
}
