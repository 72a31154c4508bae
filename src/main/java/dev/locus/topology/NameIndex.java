package dev.locus.topology;

/**
 * Node name -> ordinal, an open-addressing table with linear probing at most half full: the
 * one hash lookup per candidate per request, without a HashMap's entry indirection or
 * Integer unboxing. Immutable after construction, so safe to share between threads.
 */
final class NameIndex {

    private final String[] keys;
    private final int[] values;
    private final int mask;

    /** Indexes {@code names[i] -> i}; names must be distinct. */
    NameIndex(String[] names) {
        int capacity = Integer.highestOneBit(Math.max(4, names.length * 2 - 1)) << 1;
        keys = new String[capacity];
        values = new int[capacity];
        mask = capacity - 1;
        for (int i = 0; i < names.length; i++) {
            int slot = slot(names[i]);
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = names[i];
            values[slot] = i;
        }
    }

    /** The ordinal of {@code name}, or -1. */
    int get(String name) {
        for (int slot = slot(name); ; slot = (slot + 1) & mask) {
            String key = keys[slot];
            if (key == null) {
                return -1;
            }
            if (key.equals(name)) {
                return values[slot];
            }
        }
    }

    private int slot(String name) {
        int h = name.hashCode();
        return (h ^ (h >>> 16)) & mask;
    }
}
