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
    private final int shift;

    /** Indexes {@code names[i] -> i}; names must be distinct. */
    NameIndex(String[] names) {
        int capacity = Integer.highestOneBit(Math.max(4, names.length * 2 - 1)) << 1;
        keys = new String[capacity];
        values = new int[capacity];
        mask = capacity - 1;
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
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

    /**
     * Fibonacci hashing: node names are often sequential ("node-00001", ...), whose String
     * hash codes are nearly consecutive; taken as-is they would form long runs that linear
     * probing then walks. Multiplying by 2^32/phi and keeping the top bits scatters them.
     */
    private int slot(String name) {
        return (name.hashCode() * 0x9E3779B9) >>> shift;
    }
}
