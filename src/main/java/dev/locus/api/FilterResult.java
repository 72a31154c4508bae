package dev.locus.api;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The answer to a filter request ({@code ExtenderFilterResult} on the wire), by candidate
 * index (into {@link ExtenderArgs}), so the reply can copy each node's name from the request.
 *
 * <p>Both failure maps are written in node-name order, which {@link #rejected()} already is:
 * placement sorts by snapshot ordinal, and ordinals follow node names.
 */
public final class FilterResult {

    private final ExtenderArgs args;
    private final BitSet passing;
    private final String[] reasons;
    private final BitSet unresolvable;
    private final int[] rejected;
    private final List<String> warnings;

    /**
     * @param args         the request judged
     * @param passing      indexes of the candidates that pass
     * @param reasons      each rejected candidate's reason, by index; null for a passing one
     * @param unresolvable indexes of the rejections that are UnschedulableAndUnresolvable
     *                     ({@code FailedAndUnresolvableNodes}); the others are Unschedulable
     *                     ({@code FailedNodes}: preemption may still try the node)
     * @param rejected     indexes of the rejected candidates, one per node name, sorted by name
     *                     ({@link #inNameOrder})
     * @param warnings     what the filter noticed but does not answer on the wire (data whose
     *                     nodes were not offered); logged and counted by the server
     */
    public FilterResult(ExtenderArgs args, BitSet passing, String[] reasons, BitSet unresolvable, int[] rejected,
                        List<String> warnings) {
        this.args = args;
        this.passing = passing;
        this.reasons = reasons;
        this.unresolvable = unresolvable;
        this.rejected = rejected;
        this.warnings = List.copyOf(warnings);
    }

    /** A result from failure maps keyed by candidate names (each key must name a candidate). */
    public static FilterResult of(ExtenderArgs args, BitSet passing, Map<String, String> failed,
                                  Map<String, String> unresolvable) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            index.put(args.name(i), i);
        }
        String[] reasons = new String[args.size()];
        BitSet lasting = new BitSet();
        BitSet named = new BitSet();
        for (Map<String, String> map : List.of(failed, unresolvable)) {
            for (Map.Entry<String, String> e : map.entrySet()) {
                Integer i = index.get(e.getKey());
                if (i == null) {
                    throw new IllegalArgumentException("not a candidate: " + e.getKey());
                }
                reasons[i] = e.getValue();
                lasting.set(i, map == unresolvable);
                named.set(i);
            }
        }
        return new FilterResult(args, passing, reasons, lasting, inNameOrder(named.stream(), args::name), List.of());
    }

    /**
     * {@code indexes} of candidates in the order of {@link #rejected()}: by node name, one per
     * name (of a name offered twice, the last index, as a map keeps). The one statement of that
     * order; placement reaches it faster by snapshot ordinal for the nodes its snapshot has
     * (ordinals follow names) and asks this only when a rejected node is not among them.
     */
    public static int[] inNameOrder(IntStream indexes, IntFunction<String> name) {
        TreeMap<String, Integer> byName = new TreeMap<>();
        indexes.forEach(i -> byName.put(name.apply(i), i));
        return byName.values().stream().mapToInt(Integer::intValue).toArray();
    }

    /** Indexes of the candidates that pass. */
    public BitSet passing() {
        return passing;
    }

    /** Indexes of the rejected candidates, one per node name, sorted by name; read only. */
    public int[] rejected() {
        return rejected;
    }

    /** The reason candidate {@code i} was rejected, or null when it passes. */
    public String reason(int i) {
        return reasons[i];
    }

    /** True when candidate {@code i}'s rejection is UnschedulableAndUnresolvable. */
    public boolean isUnresolvable(int i) {
        return unresolvable.get(i);
    }

    /** {@code FailedNodes}: node -> reason, in name order. */
    public Map<String, String> failed() {
        return map(false);
    }

    /** {@code FailedAndUnresolvableNodes}: node -> reason, in name order. */
    public Map<String, String> unresolvable() {
        return map(true);
    }

    /** What the filter noticed but does not answer (see the constructor). */
    public List<String> warnings() {
        return warnings;
    }

    private Map<String, String> map(boolean lasting) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i : rejected) {
            if (unresolvable.get(i) == lasting) {
                map.put(args.name(i), reasons[i]);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    @Override
    public String toString() {
        List<String> names = new ArrayList<>();
        passing.stream().forEach(i -> names.add(args.name(i)));
        return "FilterResult{passing=" + names + ", failed=" + failed() + ", unresolvable=" + unresolvable() + "}";
    }
}
