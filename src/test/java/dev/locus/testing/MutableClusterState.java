package dev.locus.testing;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ClusterState;
import dev.locus.cluster.SnapshotChange;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A cluster state whose snapshot a test replaces, each with the next generation, as live mode
 * publishes: it is {@link #live()} (unless a test says otherwise) and tells its listeners after
 * each publication.
 */
public final class MutableClusterState implements ClusterState {

    private volatile ClusterSnapshot current;
    private volatile boolean ready = true;
    private volatile boolean live = true;
    private final java.util.concurrent.atomic.AtomicLong reads = new java.util.concurrent.atomic.AtomicLong();
    private final List<Consumer<SnapshotChange>> listeners = new CopyOnWriteArrayList<>();

    public MutableClusterState(ClusterSnapshot first) {
        current = first;
    }

    /** Publishes {@code change} applied to a builder holding everything in the current snapshot. */
    public synchronized void publish(UnaryOperator<ClusterSnapshot.Builder> change) {
        ClusterSnapshot before = current;
        ClusterSnapshot.Builder builder = ClusterSnapshot.builder().generation(before.generation() + 1);
        before.nodes().forEach(builder::node);
        before.volumes().forEach(builder::volume);
        before.claims().forEach(builder::claim);
        before.storageClasses().forEach(builder::storageClass);
        current = change.apply(builder).build();
        SnapshotChange published = new SnapshotChange(current, Set.of(), Set.of());
        listeners.forEach(listener -> listener.accept(published));
    }

    public void ready(boolean value) {
        ready = value;
    }

    /** False: behaves as a manifest state, which never publishes a newer snapshot (nobody should wait for one). */
    public void live(boolean value) {
        live = value;
    }

    /** How often {@link #current()} was called: a test waits on it to know a reader is polling. */
    public long reads() {
        return reads.get();
    }

    @Override
    public ClusterSnapshot current() {
        reads.incrementAndGet();
        return current;
    }

    @Override
    public boolean ready() {
        return ready;
    }

    @Override
    public boolean live() {
        return live;
    }

    @Override
    public void addListener(Consumer<SnapshotChange> listener) {
        listeners.add(listener);
    }
}
