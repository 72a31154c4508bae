package dev.locus.locality;

import java.util.HashSet;
import java.util.Set;

/**
 * Where one volume's data lives, merged from every {@link LocalitySource}.
 *
 * @param replicaNodes nodes holding a (healthy) replica of the data
 * @param zones        zones the data is confined to (zonal storage), empty when unknown
 * @param regions      regions the data is confined to, empty when unknown
 */
public record VolumePlacement(Set<String> replicaNodes, Set<String> zones, Set<String> regions) {

    /** A volume nothing is known about: locality unknown, neutral for scoring. */
    public static final VolumePlacement UNKNOWN = new VolumePlacement(Set.of(), Set.of(), Set.of());

    public VolumePlacement {
        replicaNodes = Set.copyOf(replicaNodes);
        zones = Set.copyOf(zones);
        regions = Set.copyOf(regions);
    }

    /** True when no source knows anything about this volume. */
    public boolean unknown() {
        return replicaNodes.isEmpty() && zones.isEmpty() && regions.isEmpty();
    }

    /** Collects what the sources report; sources only add, never remove. */
    public static final class Builder {
        private final Set<String> replicaNodes = new HashSet<>();
        private final Set<String> zones = new HashSet<>();
        private final Set<String> regions = new HashSet<>();

        public Builder replicaNode(String node) {
            replicaNodes.add(node);
            return this;
        }

        public Builder zone(String zone) {
            zones.add(zone);
            return this;
        }

        public Builder region(String region) {
            regions.add(region);
            return this;
        }

        public VolumePlacement build() {
            return replicaNodes.isEmpty() && zones.isEmpty() && regions.isEmpty()
                    ? UNKNOWN : new VolumePlacement(replicaNodes, zones, regions);
        }
    }
}
