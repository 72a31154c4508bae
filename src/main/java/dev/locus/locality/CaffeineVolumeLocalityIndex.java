package dev.locus.locality;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.VolumeInfo;
import java.util.List;

/**
 * Merges every {@link LocalitySource} per volume and caches the result in Caffeine.
 *
 * <p>Design: an entry remembers the snapshot generation it was computed from, and a lookup
 * against a newer snapshot recomputes it, so the cache can never serve a placement older
 * than the snapshot the request reads. The cache is bounded; an evicted entry costs one
 * recomputation (a few map lookups), never a wrong answer.
 */
public final class CaffeineVolumeLocalityIndex implements VolumeLocalityIndex {

    private record Entry(long generation, VolumeInfo volume, VolumePlacement placement) {
    }

    private final List<LocalitySource> sources;
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
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).recordStats().build();
    }

    /** The standard sources: PV node affinity and the replica-nodes annotation. */
    public static List<LocalitySource> defaultSources() {
        return List.of(new NodeAffinityLocality(), new ReplicaAnnotationLocality());
    }

    @Override
    public VolumePlacement placement(VolumeInfo volume, ClusterSnapshot cluster) {
        Entry entry = cache.getIfPresent(volume.name());
        if (entry != null && entry.generation() == cluster.generation() && entry.volume() == volume) {
            return entry.placement();
        }
        VolumePlacement.Builder builder = new VolumePlacement.Builder();
        for (LocalitySource source : sources) {
            source.describe(volume, cluster, builder);
        }
        VolumePlacement placement = builder.build();
        cache.put(volume.name(), new Entry(cluster.generation(), volume, placement));
        return placement;
    }

    /** The underlying cache, for metrics binding. */
    public Cache<String, ?> cache() {
        return cache;
    }
}
