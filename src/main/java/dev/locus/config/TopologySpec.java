package dev.locus.config;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A user-supplied weighted network topology ({@code placement.topologyFile}), for networks
 * that are not a region > zone > rack tree. Vertices are Kubernetes node names and switch
 * names; the distance between two nodes is the cheapest path between them.
 *
 * <p>Shortest-path distances map to proximity tiers through the thresholds: a node at
 * distance 0 is the replica's own node; otherwise the first threshold the distance does not
 * exceed names the tier (rack, zone, region), and anything farther, or unreachable, is
 * "elsewhere". With link cost 1 per hop and switches standing for racks, zones and regions,
 * the defaults 2 / 4 / 6 give the same tiers as the label tree.
 *
 * @param switches  declared switch names (documentation and validation; may be empty)
 * @param links     the undirected links, each with a positive finite cost
 * @param rackMax   largest distance still counted as the rack tier
 * @param zoneMax   largest distance still counted as the zone tier, at least {@code rackMax}
 * @param regionMax largest distance still counted as the region tier, at least {@code zoneMax}
 */
public record TopologySpec(Set<String> switches, List<Link> links, double rackMax, double zoneMax, double regionMax) {

    /** Default tier thresholds: those of the label tree, whose levels are one hop apart. */
    public static final double DEFAULT_RACK_MAX = 2;
    public static final double DEFAULT_ZONE_MAX = 4;
    public static final double DEFAULT_REGION_MAX = 6;

    /** One undirected link between two vertices (node or switch names). */
    public record Link(String from, String to, double cost) {
        public Link {
            Objects.requireNonNull(from);
            Objects.requireNonNull(to);
        }
    }

    public TopologySpec {
        switches = Set.copyOf(switches);
        links = List.copyOf(links);
        if (!(rackMax >= 0 && zoneMax >= rackMax && regionMax >= zoneMax && Double.isFinite(regionMax))) {
            throw new ConfigException("tiers must satisfy 0 <= rack <= zone <= region (finite), got " + rackMax
                    + " / " + zoneMax + " / " + regionMax);
        }
    }
}
