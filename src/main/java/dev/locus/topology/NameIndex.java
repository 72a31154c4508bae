package dev.locus.topology;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Node name -> ordinal, an open-addressing table with linear probing at most half full: the
 * one hash lookup per candidate per request, without a HashMap's entry indirection or
 * Integer unboxing. Immutable after construction, so safe to share between threads.
 *
 * <p>Names can also be looked up as ASCII bytes straight from a request body
 * ({@link #get(byte[], int, int, int)}), so a NodeNames request needs no String per name:
 * each slot keeps the name's hash code and, for ASCII names, its bytes.
 */
final class NameIndex {

    private final String[] keys;
    private final byte[][] ascii;
    private final int[] hashes;
    private final int[] values;
    private final int mask;
    private final int shift;

    /** Indexes {@code names[i] -> i}; names must be distinct. */
    NameIndex(String[] names) {
        int capacity = Integer.highestOneBit(Math.max(4, names.length * 2 - 1)) << 1;
        keys = new String[capacity];
        ascii = new byte[capacity][];
        hashes = new int[capacity];
        values = new int[capacity];
        mask = capacity - 1;
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
        for (int i = 0; i < names.length; i++) {
            int hash = names[i].hashCode();
            int slot = slot(hash);
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = names[i];
            ascii[slot] = isAscii(names[i]) ? names[i].getBytes(StandardCharsets.US_ASCII) : null;
            hashes[slot] = hash;
            values[slot] = i;
        }
    }

    /** The ordinal of {@code name}, or -1. */
    int get(String name) {
        int hash = name.hashCode();
        for (int slot = slot(hash); ; slot = (slot + 1) & mask) {
            String key = keys[slot];
            if (key == null) {
                return -1;
            }
            if (hashes[slot] == hash && key.equals(name)) {
                return values[slot];
            }
        }
    }

    /**
     * The ordinal of the name whose ASCII bytes are {@code bytes[offset..offset+length)}, or
     * -1. {@code hash} must be that name's {@link String#hashCode()}; for ASCII it is the
     * same polynomial over the bytes, which the caller has computed while reading them.
     */
    int get(byte[] bytes, int offset, int length, int hash) {
        for (int slot = slot(hash); ; slot = (slot + 1) & mask) {
            if (keys[slot] == null) {
                return -1;
            }
            byte[] key = ascii[slot];
            if (hashes[slot] == hash && key != null && key.length == length
                    && Arrays.equals(key, 0, length, bytes, offset, offset + length)) {
                return values[slot];
            }
        }
    }

    /**
     * Fibonacci hashing: node names are often sequential ("node-00001", ...), whose String
     * hash codes are nearly consecutive; taken as-is they would form long runs that linear
     * probing then walks. Multiplying by 2^32/phi and keeping the top bits scatters them.
     */
    private int slot(int hash) {
        return (hash * 0x9E3779B9) >>> shift;
    }

    private static boolean isAscii(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }
}
