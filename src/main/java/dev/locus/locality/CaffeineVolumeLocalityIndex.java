package dev.locus.locality;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ReplicaInfo;
import dev.locus.cluster.SnapshotChange;
import dev.locus.cluster.VolumeInfo;
import java.util.List;

/**
 * Merges every {@link LocalitySource} per volume and caches the result in Caffeine, keyed by
 * PV name.
 *
 * <p>Design: an entry remembers the inputs it was computed from: the volume record and the
 * replica records of its volume handle (the inputs {@link LocalitySource} allows). The rule
 * for a stale entry: it is used only when the snapshot the request reads holds the very same
 * inputs; otherwise it is recomputed from that snapshot and replaced. Because the check is
 * against the snapshot being read, an entry computed by a request still reading an older
 * snapshot can never leak into a newer one, and a snapshot that changed nothing about a volume
 * (a Node heartbeat, another volume's replica) keeps its entry. Live mode keeps record
 * instances of unchanged objects, so the check is mostly two identity comparisons.
 *
 * <p>Events invalidate precisely: {@link #onChange} drops the entries of volumes whose PV or
 * replicas a new snapshot changed, so memory is not held by dead inputs and the hit rate in
 * {@code /metrics} means what it says. Should a source read more than its volume, every
 * entry is also tied to the snapshot generation it was computed from (the old, coarse rule).
 * The cache is bounded; an evicted entry costs one recomputation (a few map lookups), never a
 * wrong answer.
 */
public final class CaffeineVolumeLocalityIndex implements VolumeLocalityIndex {

    private record Entry(long generation, VolumeInfo volume, List<ReplicaInfo> replicas, VolumePlacement placement) {
    }

    private final List<LocalitySource> sources;
    private final boolean volumeScoped;
    private final Cache<String, Entry> cache;

    /**
     * @param sources     the sources to merge, in any order
     * @param maximumSize most volumes cached at once; 1..10^8
     */
    public CaffeineVolumeLocalityIndex(List<LocalitySource> sources, long maximumSize) {
        if (maximumSize < 1 || maximumSize > 100_000_000L) {
            throw new IllegalArgumentException("maximumSize must be in 1..10^8, got " + maximumSize);
        }
        this.sources = List.copyOf(sources);
        this.volumeScoped = this.sources.stream().allMatch(LocalitySource::volumeScoped);
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).recordStats().build();
    }

    /** The standard sources: PV node affinity, the replica-nodes annotation, Longhorn replicas. */
    public static List<LocalitySource> defaultSources() {
        return List.of(new NodeAffinityLocality(), new ReplicaAnnotationLocality(), new LonghornReplicaLocality());
    }

    @Override
    public VolumePlacement placement(VolumeInfo volume, ClusterSnapshot cluster) {
        List<ReplicaInfo> replicas = cluster.replicas(volume.volumeHandle());
        Entry entry = cache.getIfPresent(volume.name());
        if (entry != null && sameInputs(entry, volume, replicas, cluster)) {
            return entry.placement();
        }
        VolumePlacement.Builder builder = new VolumePlacement.Builder();
        for (LocalitySource source : sources) {
            source.describe(volume, cluster, builder);
        }
        VolumePlacement placement = builder.build();
        cache.put(volume.name(), new Entry(cluster.generation(), volume, replicas, placement));
        return placement;
    }

    private boolean sameInputs(Entry entry, VolumeInfo volume, List<ReplicaInfo> replicas, ClusterSnapshot cluster) {
        if (!volumeScoped && entry.generation() != cluster.generation()) {
            return false;
        }
        return (entry.volume() == volume || entry.volume().equals(volume))
                && sameReplicas(entry.replicas(), replicas);
    }

    /** Same replica records in any order: a rebuilt snapshot may list a volume's replicas differently. */
    private static boolean sameReplicas(List<ReplicaInfo> a, List<ReplicaInfo> b) {
        return a == b || a.size() == b.size() && a.containsAll(b);
    }

    /**
     * Drops the entries a newly published snapshot made stale: volumes whose PV changed, and
     * the PVs of storage volumes whose replicas changed. Register with
     * {@link dev.locus.cluster.ClusterState#addListener}.
     */
    public void onChange(SnapshotChange change) {
        cache.invalidateAll(change.volumes());
        for (String storageVolume : change.storageVolumes()) {
            VolumeInfo volume = change.snapshot().volumeByHandle(storageVolume);
            if (volume != null) {
                cache.invalidate(volume.name());
            }
        }
    }

    /** The underlying cache, for metrics binding. */
    public Cache<String, ?> cache() {
        return cache;
    }
}
