package dev.locus.topology;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Node name -> ordinal, an open-addressing table with linear probing at most half full: the
 * one hash lookup per candidate per request, without a HashMap's entry indirection or
 * Integer unboxing. Immutable after construction, so safe to share between threads.
 *
 * <p>Names can also be looked up as ASCII bytes straight from a request body
 * ({@link #get(byte[], int, int, int)}), so a NodeNames request needs no String per name.
 * Laid out for the cache, since a 5,000-node request makes 5,000 lookups at random slots: a
 * slot is four adjacent ints (the name's hash code, its ordinal, and where its bytes are in
 * one array of every ASCII name's bytes), so a byte lookup reads one table line and then one
 * run of bytes, two dependent reads instead of chasing a String and a byte array per probe.
 */
final class NameIndex {

    private static final int EMPTY = -1;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Ints per slot: hash, ordinal, offset of the name's bytes, their length ({@link #NOT_ASCII} for none). */
    private static final int SLOT = 4;
    /** The length of a name that is not ASCII: it has no bytes, and never matches bytes. */
    private static final int NOT_ASCII = -1;

    private final String[] names;
    private final int[] table;
    /** The ASCII names' bytes, in ordinal order. */
    private final byte[] bytes;
    private final int mask;
    private final int shift;

    /** Indexes {@code names[i] -> i}; names must be distinct. */
    NameIndex(String[] names) {
        this.names = names.clone();
        int capacity = Integer.highestOneBit(Math.max(4, names.length * 2 - 1)) << 1;
        table = new int[capacity * SLOT];
        for (int slot = 0; slot < capacity; slot++) {
            table[slot * SLOT + 1] = EMPTY;
        }
        mask = capacity - 1;
        shift = 32 - Integer.numberOfTrailingZeros(capacity);
        byte[][] encoded = new byte[names.length][];
        int offset = 0;
        for (int i = 0; i < names.length; i++) {
            boolean ascii = isAscii(names[i]);
            encoded[i] = ascii ? names[i].getBytes(StandardCharsets.US_ASCII) : new byte[0];
            int hash = names[i].hashCode();
            int slot = slot(hash);
            while (table[slot * SLOT + 1] != EMPTY) {
                slot = (slot + 1) & mask;
            }
            table[slot * SLOT] = hash;
            table[slot * SLOT + 1] = i;
            table[slot * SLOT + 2] = offset;
            table[slot * SLOT + 3] = ascii ? encoded[i].length : NOT_ASCII;
            offset += encoded[i].length;
        }
        bytes = new byte[offset];
        offset = 0;
        for (byte[] name : encoded) {
            System.arraycopy(name, 0, bytes, offset, name.length);
            offset += name.length;
        }
    }

    /** The ordinal of {@code name}, or -1. */
    int get(String name) {
        int hash = name.hashCode();
        for (int slot = slot(hash); ; slot = (slot + 1) & mask) {
            int o = table[slot * SLOT + 1];
            if (o == EMPTY || table[slot * SLOT] == hash && names[o].equals(name)) {
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
            int at = slot * SLOT;
            int o = table[at + 1];
            if (o == EMPTY || table[at] == hash && table[at + 3] == length && sameBytes(table[at + 2], key, offset, length)) {
                return o;
            }
        }
    }

    /**
     * Eight bytes a step, the last step overlapping the one before it when the length is not
     * a multiple of eight: node names are mostly 8 to 30 bytes, too short for a vectorised
     * compare to pay for its set-up, long enough that a byte loop was a third of resolving a
     * 5,000-name request. Shorter names take the byte loop.
     */
    private boolean sameBytes(int from, byte[] key, int offset, int length) {
        if (length >= Long.BYTES) {
            int last = length - Long.BYTES;
            for (int k = 0; k < last; k += Long.BYTES) {
                if ((long) LONGS.get(bytes, from + k) != (long) LONGS.get(key, offset + k)) {
                    return false;
                }
            }
            return (long) LONGS.get(bytes, from + last) == (long) LONGS.get(key, offset + last);
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
