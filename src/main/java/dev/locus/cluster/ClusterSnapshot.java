package dev.locus.cluster;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An immutable view of the cluster objects placement reads. Manifest mode and live mode
 * both produce this one type, so every placement rule is tested once for both.
 *
 * <p>Lookups are O(1) hash lookups; the request path reads a snapshot and never calls the
 * API server.
 *
 * <p>Design: a snapshot takes its builder's hash maps over, read-only, instead of copying
 * them: live mode rebuilds snapshots of half a million objects, where a copy doubled the
 * rebuild time. A builder used again after {@link Builder#build()} copies its maps first, so
 * a published snapshot never changes.
 */
public final class ClusterSnapshot {

    private static final ClusterSnapshot EMPTY = builder().build();

    private final long generation;
    private final Map<String, NodeInfo> nodes;
    private final Map<String, VolumeInfo> volumes;
    private final Map<String, VolumeInfo> volumesByHandle;
    private final Map<ObjectKey, ClaimInfo> claims;
    private final Map<String, StorageClassInfo> storageClasses;
    private final Map<String, Set<String>> csiDrivers;
    private final Set<String> capacityDrivers;
    private final Map<String, List<StorageCapacityInfo>> capacities;
    private final Map<String, List<ReplicaInfo>> replicas;
    private final Map<String, LonghornNodeInfo> longhornNodes;

    private ClusterSnapshot(Builder b) {
        this.generation = b.generation;
        this.nodes = Collections.unmodifiableMap(b.nodes);
        this.volumes = Collections.unmodifiableMap(b.volumes);
        this.volumesByHandle = byHandle(b.volumes.values());
        this.claims = Collections.unmodifiableMap(b.claims);
        this.storageClasses = Collections.unmodifiableMap(b.storageClasses);
        this.csiDrivers = Collections.unmodifiableMap(b.csiDrivers);
        this.capacityDrivers = b.drivers.values().stream().filter(CsiDriverInfo::storageCapacity)
                .map(CsiDriverInfo::name).collect(java.util.stream.Collectors.toUnmodifiableSet());
        this.capacities = group(b.capacities.values(), StorageCapacityInfo::storageClass);
        this.replicas = groupReplicas(b.replicas.values());
        this.longhornNodes = Collections.unmodifiableMap(b.longhornNodes);
    }

    /**
     * Replicas by volume name. A large cluster has about three per volume, so a volume's
     * replicas gather in an exact-size array (no list with spare room, no copy per volume):
     * this grouping is a fair part of every live-mode rebuild.
     */
    private static Map<String, List<ReplicaInfo>> groupReplicas(Collection<ReplicaInfo> values) {
        Map<String, ReplicaInfo[]> arrays = new HashMap<>(hashCapacity(values.size() / 2));
        for (ReplicaInfo replica : values) {
            String volume = replica.volumeName();
            if (volume != null) {
                ReplicaInfo[] old = arrays.get(volume);
                ReplicaInfo[] grown = old == null ? new ReplicaInfo[1] : Arrays.copyOf(old, old.length + 1);
                grown[grown.length - 1] = replica;
                arrays.put(volume, grown);
            }
        }
        Map<String, List<ReplicaInfo>> grouped = new HashMap<>(hashCapacity(arrays.size()));
        arrays.forEach((volume, array) -> grouped.put(volume, List.of(array)));
        return Collections.unmodifiableMap(grouped);
    }

    /** A HashMap capacity that holds {@code size} entries without rehashing. */
    private static int hashCapacity(int size) {
        return (int) Math.min(1 << 30, size * 4L / 3 + 1);
    }

    private static Map<String, VolumeInfo> byHandle(Collection<VolumeInfo> volumes) {
        Map<String, VolumeInfo> byHandle = new HashMap<>(hashCapacity(volumes.size()));
        for (VolumeInfo volume : volumes) {
            if (volume.volumeHandle() != null) {
                byHandle.put(volume.volumeHandle(), volume);
            }
        }
        return Collections.unmodifiableMap(byHandle);
    }

    private static <T> Map<String, List<T>> group(Collection<T> values, Function<T, String> key) {
        Map<String, List<T>> grouped = new HashMap<>();
        for (T value : values) {
            String k = key.apply(value);
            if (k != null) {
                grouped.computeIfAbsent(k, x -> new ArrayList<>()).add(value);
            }
        }
        grouped.replaceAll((k, list) -> List.copyOf(list));
        return Collections.unmodifiableMap(grouped);
    }

    public static ClusterSnapshot empty() {
        return EMPTY;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Increases with every snapshot a source publishes; caches key derived data on it. */
    public long generation() {
        return generation;
    }

    public NodeInfo node(String name) {
        return nodes.get(name);
    }

    public VolumeInfo volume(String name) {
        return volumes.get(name);
    }

    /**
     * The PV whose CSI {@code volumeHandle} is {@code handle} (for Longhorn: the Longhorn volume
     * name), or null. Should two PVs name one handle, one of them.
     */
    public VolumeInfo volumeByHandle(String handle) {
        return handle == null ? null : volumesByHandle.get(handle);
    }

    public ClaimInfo claim(ObjectKey key) {
        return claims.get(key);
    }

    /** The volume {@code claim} is bound to, or null: no claim, not bound, or the volume not in this snapshot. */
    public VolumeInfo volumeOf(ClaimInfo claim) {
        return claim == null || !claim.bound() ? null : volumes.get(claim.volumeName());
    }

    public StorageClassInfo storageClass(String name) {
        return name == null ? null : storageClasses.get(name);
    }

    /** CSI drivers registered on {@code node} (its CSINode), or null when it has no CSINode object. */
    public Set<String> csiDrivers(String node) {
        return csiDrivers.get(node);
    }

    /**
     * True when the CSIDriver object named {@code driver} has {@code spec.storageCapacity: true}:
     * only then does kube-scheduler's volume binder, and Locus, judge CSIStorageCapacity.
     */
    public boolean publishesCapacity(String driver) {
        return driver != null && capacityDrivers.contains(driver);
    }

    /** CSIStorageCapacity objects of a StorageClass; empty when none are published. */
    public List<StorageCapacityInfo> capacities(String storageClass) {
        return storageClass == null ? List.of() : capacities.getOrDefault(storageClass, List.of());
    }

    /** Replica objects of a storage-system volume (Longhorn volume name); empty when none. */
    public List<ReplicaInfo> replicas(String volumeName) {
        return volumeName == null ? List.of() : replicas.getOrDefault(volumeName, List.of());
    }

    /** Longhorn's own view of a node ({@code nodes.longhorn.io}), or null where Longhorn has none. */
    public LonghornNodeInfo longhornNode(String name) {
        return name == null ? null : longhornNodes.get(name);
    }

    /** Every Longhorn node object; empty where Longhorn is not installed. */
    public Collection<LonghornNodeInfo> longhornNodes() {
        return longhornNodes.values();
    }

    public Collection<NodeInfo> nodes() {
        return nodes.values();
    }

    public Collection<VolumeInfo> volumes() {
        return volumes.values();
    }

    public Collection<ClaimInfo> claims() {
        return claims.values();
    }

    public Collection<StorageClassInfo> storageClasses() {
        return storageClasses.values();
    }

    @Override
    public String toString() {
        return "ClusterSnapshot{generation=" + generation + ", nodes=" + nodes.size() + ", volumes=" + volumes.size()
                + ", claims=" + claims.size() + ", storageClasses=" + storageClasses.size() + ", csiNodes=" + csiDrivers.size()
                + ", capacityDrivers=" + capacityDrivers.size() + ", capacities=" + capacities.values().stream().mapToInt(List::size).sum()
                + ", replicas=" + replicas.values().stream().mapToInt(List::size).sum()
                + ", longhornNodes=" + longhornNodes.size() + "}";
    }

    /** Collects objects; a later object with the same key replaces an earlier one. */
    public static final class Builder {
        private long generation;
        private Map<String, NodeInfo> nodes = new HashMap<>();
        private Map<String, VolumeInfo> volumes = new HashMap<>();
        private Map<ObjectKey, ClaimInfo> claims = new HashMap<>();
        private Map<String, StorageClassInfo> storageClasses = new HashMap<>();
        private Map<String, Set<String>> csiDrivers = new HashMap<>();
        private Map<ObjectKey, StorageCapacityInfo> capacities = new HashMap<>();
        private Map<String, CsiDriverInfo> drivers = new HashMap<>();
        private Map<String, ReplicaInfo> replicas = new HashMap<>();
        private Map<String, LonghornNodeInfo> longhornNodes = new HashMap<>();
        /** True once a snapshot shares the maps: the next change copies them first. */
        private boolean shared;

        private Builder() {
        }

        private void writable() {
            if (shared) {
                nodes = new HashMap<>(nodes);
                volumes = new HashMap<>(volumes);
                claims = new HashMap<>(claims);
                storageClasses = new HashMap<>(storageClasses);
                csiDrivers = new HashMap<>(csiDrivers);
                capacities = new HashMap<>(capacities);
                drivers = new HashMap<>(drivers);
                replicas = new HashMap<>(replicas);
                longhornNodes = new HashMap<>(longhornNodes);
                shared = false;
            }
        }

        /**
         * Sizes the maps of a new builder for about this many objects of each kind, so that
         * building a large snapshot never rehashes (live mode knows its store sizes). Counts are
         * hints, at least 0; maps that already hold objects are left alone.
         */
        public Builder expect(int nodes, int volumes, int claims, int replicas) {
            if (nodes < 0 || volumes < 0 || claims < 0 || replicas < 0) {
                throw new IllegalArgumentException("expected counts must be at least 0");
            }
            writable();
            this.nodes = this.nodes.isEmpty() ? new HashMap<>(hashCapacity(nodes)) : this.nodes;
            this.volumes = this.volumes.isEmpty() ? new HashMap<>(hashCapacity(volumes)) : this.volumes;
            this.claims = this.claims.isEmpty() ? new HashMap<>(hashCapacity(claims)) : this.claims;
            this.csiDrivers = this.csiDrivers.isEmpty() ? new HashMap<>(hashCapacity(nodes)) : this.csiDrivers;
            this.replicas = this.replicas.isEmpty() ? new HashMap<>(hashCapacity(replicas)) : this.replicas;
            return this;
        }

        public Builder generation(long value) {
            generation = value;
            return this;
        }

        public Builder node(NodeInfo node) {
            writable();
            nodes.put(node.name(), node);
            return this;
        }

        public Builder volume(VolumeInfo volume) {
            writable();
            volumes.put(volume.name(), volume);
            return this;
        }

        public Builder claim(ClaimInfo claim) {
            writable();
            claims.put(claim.key(), claim);
            return this;
        }

        public Builder storageClass(StorageClassInfo storageClass) {
            writable();
            storageClasses.put(storageClass.name(), storageClass);
            return this;
        }

        /** The CSI drivers registered on a node (its CSINode object). */
        public Builder csiDrivers(String node, Set<String> drivers) {
            writable();
            csiDrivers.put(node, Set.copyOf(drivers));
            return this;
        }

        /** A CSIDriver object. */
        public Builder csiDriver(CsiDriverInfo driver) {
            writable();
            drivers.put(driver.name(), driver);
            return this;
        }

        public Builder capacity(StorageCapacityInfo capacity) {
            writable();
            capacities.put(capacity.key(), capacity);
            return this;
        }

        public Builder replica(ReplicaInfo replica) {
            writable();
            replicas.put(replica.name(), replica);
            return this;
        }

        /** Longhorn's node object of the node of the same name. */
        public Builder longhornNode(LonghornNodeInfo node) {
            writable();
            longhornNodes.put(node.name(), node);
            return this;
        }

        public ClusterSnapshot build() {
            shared = true;
            return new ClusterSnapshot(this);
        }
    }
}
