package dev.locus.api;

import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The {@code NodeNames} of a request as byte ranges of its body: no String and no
 * {@link CandidateNode} per name. A name is <em>plain</em> when its bytes are printable ASCII
 * without escapes (node names are DNS subdomains, so in practice all are): then the bytes are
 * the name, they can be looked up as they are ({@code TopologyIndex.ordinal(byte[], ...)}),
 * and a reply can copy them, quotes included, since they need no escaping. Any other name
 * (an escape, a non-ASCII or control character) is decoded to a String when read, exactly as
 * the streaming parser decodes it.
 *
 * <p>Read only after Jackson has validated the whole array ({@link #scan} trusts its syntax).
 */
public final class OfferedNames {

    /** Longest name the parser accepts (its {@code maxStringLength}); a longer one is its error to report. */
    private static final int MAX_LENGTH = ExtenderArgsDecoder.FACTORY.streamReadConstraints().getMaxStringLength();

    /**
     * {@link #requireUnique}'s table, kept per thread: requests are decoded on a fixed pool of
     * placement threads, so each keeps one table as large as the most names it has checked.
     */
    private static final ThreadLocal<int[]> SEEN = ThreadLocal.withInitial(() -> new int[0]);

    // Filled by scan() before the instance is handed out; not changed after, except strings.
    private final byte[] body;
    private int size;
    private int[] starts;
    private int[] lengths;
    private int[] hashes;
    private boolean[] plain;
    /** Decoded names: set while scanning for names that are not plain, on first use for the rest. */
    private String[] strings;

    private OfferedNames(byte[] body, int capacity) {
        this.body = body;
        grow(capacity);
    }

    /**
     * The names of the JSON array {@code body[open..close]} (its brackets), which Jackson has
     * already read through without error; null when an element is not a non-empty string, so
     * the caller re-reads the array element by element to report it.
     */
    static OfferedNames scan(byte[] body, int open, int close) throws IOException {
        OfferedNames names = new OfferedNames(body, Math.max(4, (close - open) / 8)); // 8: a short name, quotes, comma
        int n = 0;
        for (int i = space(body, open + 1); body[i] != ']'; i = space(body, i + 1), n++) {
            if (body[i] == ',') {
                i = space(body, i + 1);
            }
            if (body[i] != '"') {
                return null;
            }
            int start = i + 1;
            int hash = 0;
            boolean simple = true;
            for (i = start; body[i] != '"'; i++) {
                int b = body[i];
                if (b == '\\') {
                    simple = false;
                    i++; // the escaped byte, which may be a quote
                } else if (b < 0x20 || b == 0x7f) { // negative: part of a multi-byte UTF-8 character
                    simple = false;
                }
                hash = 31 * hash + b; // for plain names, the String's hashCode
            }
            if (i == start || simple && i - start > MAX_LENGTH) { // too long: the parser has a limit to report
                return null;
            }
            if (!simple) {
                String name = decode(body, start - 1, i + 1);
                names.strings(n + 1)[n] = name;
                hash = name.hashCode();
            }
            names.add(n, start, i - start, hash, simple);
        }
        names.size = n;
        return names;
    }

    /**
     * NodeNames as kube-scheduler writes them, last in the request: the array at
     * {@code body[open]} checked and read here, without the parser's pass over it. Null unless
     * the array is well formed, every name is plain and no longer than the parser allows, and
     * nothing but the object's closing brace (and white space) follows it; then the caller
     * takes the parser's way, whose errors are the ones reported.
     */
    static OfferedNames scanLast(byte[] body, int open) {
        OfferedNames names = null; // sized by the first name: a scheduler's node names are alike in length
        int n = 0;
        int i = space(body, open + 1);
        while (i < body.length && body[i] != ']') {
            if (n > 0) {
                if (body[i] != ',') {
                    return null;
                }
                i = space(body, i + 1);
            }
            if (i >= body.length || body[i] != '"') {
                return null;
            }
            int start = i + 1;
            int hash = 0;
            for (i = start; i < body.length && body[i] != '"'; i++) {
                int b = body[i];
                if (b < 0x20 || b == '\\' || b == 0x7f) { // negative: part of a multi-byte UTF-8 character
                    return null;
                }
                hash = 31 * hash + b;
            }
            if (i >= body.length || i == start || i - start > MAX_LENGTH) {
                return null;
            }
            if (names == null) {
                names = new OfferedNames(body, Math.max(4, (body.length - open) / (i - start + 3) + 1)); // quotes, comma
            }
            names.add(n++, start, i - start, hash, true);
            i = space(body, i + 1);
        }
        int end = space(body, i + 1);
        if (i >= body.length || end >= body.length || body[end] != '}' || space(body, end + 1) != body.length) {
            return null;
        }
        if (names == null) {
            names = new OfferedNames(body, 4);
        }
        names.size = n;
        return names;
    }

    private void add(int n, int start, int length, int hash, boolean simple) {
        if (n == starts.length) {
            grow(n * 2);
        }
        starts[n] = start;
        lengths[n] = length;
        plain[n] = simple;
        hashes[n] = hash;
    }

    /** The first index at or after {@code i} that is not JSON white space (or the body's length). */
    private static int space(byte[] body, int i) {
        while (i < body.length && (body[i] == ' ' || body[i] == '\n' || body[i] == '\r' || body[i] == '\t')) {
            i++;
        }
        return i;
    }

    private void grow(int capacity) {
        starts = starts == null ? new int[capacity] : Arrays.copyOf(starts, capacity);
        lengths = lengths == null ? new int[capacity] : Arrays.copyOf(lengths, capacity);
        hashes = hashes == null ? new int[capacity] : Arrays.copyOf(hashes, capacity);
        plain = plain == null ? new boolean[capacity] : Arrays.copyOf(plain, capacity);
        strings = strings == null ? null : Arrays.copyOf(strings, capacity);
    }

    /** The decoded names, allocated when first needed (plain names may never need them). */
    private String[] strings(int needed) {
        String[] decoded = strings;
        if (decoded == null) {
            decoded = new String[Math.max(needed, starts.length)];
            strings = decoded;
        }
        return decoded;
    }

    /** The JSON string literal {@code body[from..to)} decoded by the same parser as everything else. */
    private static String decode(byte[] body, int from, int to) throws IOException {
        try (JsonParser p = ExtenderArgsDecoder.FACTORY.createParser(body, from, to - from)) {
            p.nextToken();
            return p.getText();
        }
    }

    /** Number of names. */
    public int size() {
        return size;
    }

    /** Name {@code i}; a String is made (and kept) on first use for a plain name. */
    public String name(int i) {
        String[] decoded = strings(size);
        String name = decoded[i];
        if (name == null) {
            name = new String(body, starts[i], lengths[i], StandardCharsets.ISO_8859_1);
            decoded[i] = name; // benign races: a thread may make an equal String, or array, again
        }
        return name;
    }

    /** True when name {@code i} is {@code body[start(i)..start(i)+length(i))} as ASCII, needing no escaping. */
    public boolean plain(int i) {
        return plain[i];
    }

    /** The request body the ranges point into; read only. */
    public byte[] body() {
        return body;
    }

    /** Offset in {@link #body()} of name {@code i}'s first byte (after its opening quote). */
    public int start(int i) {
        return starts[i];
    }

    /** Length in bytes of name {@code i} in the body. */
    public int length(int i) {
        return lengths[i];
    }

    /** {@link String#hashCode()} of name {@code i}. */
    public int hash(int i) {
        return hashes[i];
    }

    /**
     * Rejects a name offered twice, as {@link BadRequestException}: an open-addressing table
     * of indices at most half full, probing by hash, comparing bytes (Strings when either name
     * is not plain, since an escaped name can equal a plain one). The table is the decoding
     * thread's ({@link #SEEN}): at 5,000 names a new one was a seventh of what a request allocated.
     */
    void requireUnique() {
        int n = size();
        int capacity = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
        int[] seen = SEEN.get();
        if (seen.length < capacity) {
            seen = new int[capacity];
            SEEN.set(seen);
        }
        Arrays.fill(seen, 0, capacity, -1);
        int mask = capacity - 1;
        int shift = 32 - Integer.numberOfTrailingZeros(capacity);
        for (int i = 0; i < n; i++) {
            int slot = (hashes[i] * 0x9E3779B9) >>> shift; // Fibonacci hashing: names are often sequential
            for (; seen[slot] >= 0; slot = (slot + 1) & mask) {
                if (hashes[seen[slot]] == hashes[i] && same(seen[slot], i)) {
                    throw new BadRequestException("node " + name(i) + " is offered more than once");
                }
            }
            seen[slot] = i;
        }
    }

    private boolean same(int a, int b) {
        if (plain[a] && plain[b]) {
            return Arrays.equals(body, starts[a], starts[a] + lengths[a], body, starts[b], starts[b] + lengths[b]);
        }
        return name(a).equals(name(b));
    }
}
