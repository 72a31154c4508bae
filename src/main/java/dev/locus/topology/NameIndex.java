package dev.locus.topology;

import java.nio.charset.StandardCharsets;

/**
 * Node name -> ordinal, an open-addressing table with linear probing at most half full: the
 * one hash lookup per candidate per request, without a HashMap's entry indirection or
 * Integer unboxing. Immutable after construction, so safe to share between threads.
 *
 * <p>Names can also be looked up as ASCII bytes straight from a request body
 * ({@link #get(byte[], int, int, int)}), so a NodeNames request needs no String per name.
 * Laid out for the cache, since a 5,000-node request makes 5,000 lookups at random slots: a
 * slot is two adjacent ints (the name's hash code, its ordinal), and every ASCII name's bytes
 * sit in one array in ordinal order, so a lookup reads one table line and one run of bytes
 * instead of chasing a String and a byte array per probe.
 */
final class NameIndex {

    private static final int EMPTY = -1;

    private final String[] names;
    /** {@code table[2 * slot]}: the hash code; {@code table[2 * slot + 1]}: the ordinal, or {@link #EMPTY}. */
    private final int[] table;
    /** The ASCII names' bytes, by ordinal; {@code bytes[offsets[o] .. offsets[o + 1])}. */
    private final byte[] bytes;
    /** Name {@code o}'s bytes start at {@code offsets[o]}; a non-ASCII name has no bytes (and never matches bytes). */
    private final int[] offsets;
    private final boolean[] ascii;
    private final int mask;
    private final int shift;

    /** Indexes {@code names[i] -> i}; names must be distinct. */
    NameIndex(String[] names) {
        this.names = names.clone();
        int capacity = Integer.highestOneBit(Math.max(4, names.length * 2 - 1)) << 1;
        table = new int[capacity * 2];
        for (int slot = 0; slot < capacity; slot++) {
            table[2 * slot + 1] = EMPTY;
        }
        mask = capacity - 1;
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
        ascii = new boolean[names.length];
        offsets = new int[names.length + 1];
        byte[][] encoded = new byte[names.length][];
        for (int i = 0; i < names.length; i++) {
            ascii[i] = isAscii(names[i]);
            encoded[i] = ascii[i] ? names[i].getBytes(StandardCharsets.US_ASCII) : new byte[0];
            offsets[i + 1] = offsets[i] + encoded[i].length;
            int hash = names[i].hashCode();
            int slot = slot(hash);
            while (table[2 * slot + 1] != EMPTY) {
                slot = (slot + 1) & mask;
            }
            table[2 * slot] = hash;
            table[2 * slot + 1] = i;
        }
        bytes = new byte[offsets[names.length]];
        for (int i = 0; i < names.length; i++) {
            System.arraycopy(encoded[i], 0, bytes, offsets[i], encoded[i].length);
        }
    }

    /** The ordinal of {@code name}, or -1. */
    int get(String name) {
        int hash = name.hashCode();
        for (int slot = slot(hash); ; slot = (slot + 1) & mask) {
            int o = table[2 * slot + 1];
            if (o == EMPTY || table[2 * slot] == hash && names[o].equals(name)) {
                return o;
            }
        }
    }

    /**
     * The ordinal of the name whose ASCII bytes are {@code key[offset..offset+length)}, or
     * -1. {@code hash} must be that name's {@link String#hashCode()}; for ASCII it is the
     * same polynomial over the bytes, which the caller has computed while reading them.
     */
    int get(byte[] key, int offset, int length, int hash) {
        for (int slot = slot(hash); ; slot = (slot + 1) & mask) {
            int o = table[2 * slot + 1];
            if (o == EMPTY || table[2 * slot] == hash && ascii[o] && sameBytes(o, key, offset, length)) {
                return o;
            }
        }
    }

    /** A plain loop: names are short, shorter than a vectorised compare pays for. */
    private boolean sameBytes(int o, byte[] key, int offset, int length) {
        int from = offsets[o];
        if (offsets[o + 1] - from != length) {
            return false;
        }
        for (int k = 0; k < length; k++) {
            if (bytes[from + k] != key[offset + k]) {
                return false;
            }
        }
        return true;
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
