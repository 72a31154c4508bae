package dev.locus.locality;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * Where one volume's data lives, merged from every {@link LocalitySource}.
 *
 * <p>Node identity: a node's name and its {@code kubernetes.io/hostname} label may differ, and
 * one node's label may even be another node's name. So the nodes holding the data come in two
 * kinds, kept apart from the source on: node names (replica objects, the replica annotation,
 * {@code metadata.name} affinities) and hostname label values (hostname affinities of local
 * PVs). {@link HostnameIndex#byName} reads the latter as node names against one snapshot;
 * whatever judges nodes reads {@link #replicaNodes} of its result.
 *
 * @param replicaNodes     names of the nodes holding a (healthy) replica of the data
 * @param replicaHostnames {@code kubernetes.io/hostname} label values of nodes holding the data
 * @param zones            zones the data is confined to (zonal storage), empty when unknown
 * @param regions          regions the data is confined to, empty when unknown
 */
public record VolumePlacement(Set<String> replicaNodes, Set<String> replicaHostnames, Set<String> zones,
                              Set<String> regions) {

    /** A volume nothing is known about: locality unknown, neutral for scoring. */
    public static final VolumePlacement UNKNOWN = new VolumePlacement(Set.of(), Set.of(), Set.of());

    public VolumePlacement {
        replicaNodes = Set.copyOf(replicaNodes);
        replicaHostnames = Set.copyOf(replicaHostnames);
        zones = Set.copyOf(zones);
        regions = Set.copyOf(regions);
    }

    /** A placement whose replica nodes are all known by name. */
    public VolumePlacement(Set<String> replicaNodes, Set<String> zones, Set<String> regions) {
        this(replicaNodes, Set.of(), zones, regions);
    }

    /** True when no source knows anything about this volume. */
    public boolean unknown() {
        return replicaNodes.isEmpty() && replicaHostnames.isEmpty() && zones.isEmpty() && regions.isEmpty();
    }

    /**
     * Collects what the sources report; sources only add, never remove.
     *
     * <p>Design: one builder runs per volume whenever the index recomputes, i.e. for every
     * volume after a relist, and a volume has a handful of nodes. So names gather in small
     * arrays, de-duplicated by a linear scan, and become immutable sets once: no hash set
     * per builder, nothing at all for what no source reported.
     */
    public static final class Builder {
        private final Names replicaNodes = new Names();
        private final Names replicaHostnames = new Names();
        private final Names zones = new Names();
        private final Names regions = new Names();

        public Builder replicaNode(String node) {
            replicaNodes.add(node);
            return this;
        }

        /** A node holding the data, known by its {@code kubernetes.io/hostname} label, not its name. */
        public Builder replicaHostname(String hostname) {
            replicaHostnames.add(hostname);
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
            return replicaNodes.size == 0 && replicaHostnames.size == 0 && zones.size == 0 && regions.size == 0
                    ? UNKNOWN
                    : new VolumePlacement(replicaNodes.toSet(), replicaHostnames.toSet(), zones.toSet(),
                            regions.toSet());
        }
    }

    /** Distinct names; a linear scan is cheaper than hashing for a few, a hash set takes over beyond that. */
    private static final class Names {
        /** Most names kept in the array, scanned linearly on every add. */
        private static final int LINEAR_MAX = 16;

        private String[] names;
        private Set<String> many;
        private int size;

        void add(String name) {
            Objects.requireNonNull(name, "name");
            if (many != null) {
                size += many.add(name) ? 1 : 0;
                return;
            }
            for (int i = 0; i < size; i++) {
                if (names[i].equals(name)) {
                    return;
                }
            }
            if (size == LINEAR_MAX) {
                many = new HashSet<>(Arrays.asList(names));
                many.add(name);
                size++;
                return;
            }
            if (names == null) {
                names = new String[4];
            } else if (size == names.length) {
                names = Arrays.copyOf(names, 2 * size);
            }
            names[size++] = name;
        }

        Set<String> toSet() {
            if (many != null) {
                return Set.copyOf(many);
            }
            return switch (size) {
                case 0 -> Set.of();
                case 1 -> Set.of(names[0]);
                case 2 -> Set.of(names[0], names[1]);
                default -> Set.of(size == names.length ? names : Arrays.copyOf(names, size));
            };
        }
    }
}
