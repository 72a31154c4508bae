package dev.locus.api;

import java.util.BitSet;
import java.util.Map;

/**
 * The answer to a filter request ({@code ExtenderFilterResult} on the wire).
 *
 * @param passing      indexes (into {@link ExtenderArgs#nodes()}) of the nodes that pass
 * @param failed       node -> reason: Unschedulable; preemption may still try the node
 * @param unresolvable node -> reason: UnschedulableAndUnresolvable; preemption skips it
 */
public record FilterResult(BitSet passing, Map<String, String> failed, Map<String, String> unresolvable) {
}
