package dev.locus.cluster;

import java.util.Objects;

/** A cluster that never changes: manifest files or the bundled demo. Ready from the start. */
public final class StaticClusterState implements ClusterState {
    private final ClusterSnapshot snapshot;

    public StaticClusterState(ClusterSnapshot snapshot) {
        this.snapshot = Objects.requireNonNull(snapshot);
    }

    @Override
    public ClusterSnapshot current() {
        return snapshot;
    }

    @Override
    public boolean ready() {
        return true;
    }
}
