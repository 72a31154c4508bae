package dev.locus.api;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Checks and skips JSON values in bytes, for the parts of a Nodes-mode body Locus does not
 * read (most of every Node object), about twice as fast as the parser skips them.
 *
 * <p>Design: it accepts only what is plainly valid JSON the parser would also accept: ASCII
 * strings with valid escapes, numbers of the JSON grammar up to {@link #MAX_NUMBER} characters,
 * keys up to {@link #MAX_KEY} bytes, nesting up to {@link #MAX_DEPTH} levels. Anything else is
 * {@link #FAIL}, and the caller leaves the whole body to the parser, whose answer or error
 * is then the one given; so this never decides what is wrong, only that nothing is. Strings,
 * most of a Node's bytes, are searched eight bytes a step for a quote, a backslash, or a
 * byte that is a control character or not ASCII.
 */
final class JsonSkip {

    /** Not plainly valid here: leave it to the parser. */
    static final int FAIL = -1;
    /** The value goes on past the bytes given. */
    static final int MORE = -2;

    static final int MAX_DEPTH = 60;
    static final int MAX_NUMBER = 100;
    static final int MAX_KEY = 1_000;

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;
    private static final long QUOTES = ONES * '"';
    private static final long BACKSLASHES = ONES * '\\';
    private static final long SPACES = ONES * ' ';

    private JsonSkip() {
    }

    /** Skips the value at {@code b[i]} (no white space before it); returns the index after it, {@link #FAIL} or {@link #MORE}. */
    static int value(byte[] b, int i, int end) {
        long objects = 0; // bit d: nesting level d is an object (else an array)
        int depth = 0;
        for (;;) {
            if (i >= end) {
                return MORE;
            }
            byte c = b[i];
            if (c == '"') {
                i = string(b, i + 1, end);
            } else if (c == '{' || c == '[') {
                if (++depth > MAX_DEPTH) {
                    return FAIL;
                }
                i = whiteSpace(b, i + 1, end);
                if (i >= end) {
                    return MORE;
                }
                if (c == '{') {
                    objects |= 1L << depth;
                    if (b[i] != '}') {
                        i = key(b, i, end);
                        if (i < 0) {
                            return i;
                        }
                        continue; // the member's value
                    }
                } else {
                    objects &= ~(1L << depth);
                    if (b[i] != ']') {
                        continue; // the first element
                    }
                }
                i++;
                depth--;
            } else if (c == 't') {
                i = literal(b, i, end, "true");
            } else if (c == 'f') {
                i = literal(b, i, end, "false");
            } else if (c == 'n') {
                i = literal(b, i, end, "null");
            } else {
                i = number(b, i, end);
            }
            if (i < 0) {
                return i;
            }
            // after a value: close containers until the next value starts
            for (;;) {
                if (depth == 0) {
                    return i;
                }
                i = whiteSpace(b, i, end);
                if (i >= end) {
                    return MORE;
                }
                boolean object = (objects & (1L << depth)) != 0;
                c = b[i];
                if (c == ',') {
                    i = whiteSpace(b, i + 1, end);
                    if (object) {
                        i = key(b, i, end);
                        if (i < 0) {
                            return i;
                        }
                    }
                    break;
                }
                if (c != (object ? '}' : ']')) {
                    return FAIL;
                }
                i++;
                depth--;
            }
        }
    }

    /** A member's key at {@code b[i]}, its colon and the white space after: returns the index of its value. */
    static int key(byte[] b, int i, int end) {
        if (i >= end) {
            return MORE;
        }
        if (b[i] != '"') {
            return FAIL;
        }
        int after = string(b, i + 1, end);
        if (after < 0) {
            return after;
        }
        if (after - i > MAX_KEY) {
            return FAIL;
        }
        return colon(b, after, end);
    }

    /** White space, a colon and white space from {@code b[i]}: returns the index of the value after them. */
    static int colon(byte[] b, int i, int end) {
        i = whiteSpace(b, i, end);
        if (i >= end) {
            return MORE;
        }
        if (b[i] != ':') {
            return FAIL;
        }
        i = whiteSpace(b, i + 1, end);
        return i >= end ? MORE : i;
    }

    /** The index of the first byte from {@code i} that is not JSON white space (or {@code end}). */
    static int whiteSpace(byte[] b, int i, int end) {
        while (i < end) {
            byte c = b[i];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return i;
            }
            i++;
        }
        return i;
    }

    /** A string's contents from {@code b[i]} (after its opening quote): returns the index after its closing quote. */
    static int string(byte[] b, int i, int end) {
        for (;;) {
            while (i + Long.BYTES <= end) {
                long w = (long) LONGS.get(b, i);
                long quotes = w ^ QUOTES;
                long backslashes = w ^ BACKSLASHES;
                // the lowest marked byte is exact: a quote, a backslash, under 0x20, or over 0x7f
                long marks = ((quotes - ONES) & ~quotes | (backslashes - ONES) & ~backslashes | (w - SPACES) | w) & HIGHS;
                if (marks != 0) {
                    i += Long.numberOfTrailingZeros(marks) >>> 3;
                    break;
                }
                i += Long.BYTES;
            }
            if (i >= end) {
                return MORE;
            }
            byte c = b[i];
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i = escape(b, i, end);
                if (i < 0) {
                    return i;
                }
            } else if (c < ' ') {
                return FAIL; // a control character, or (negative) a byte that is not ASCII
            } else {
                i++;
            }
        }
    }

    /** The escape at {@code b[i]} (a backslash): returns the index after it. */
    private static int escape(byte[] b, int i, int end) {
        if (i + 2 > end) {
            return MORE;
        }
        switch (b[i + 1]) {
            case '"', '\\', '/', 'b', 'f', 'n', 'r', 't' -> {
                return i + 2;
            }
            case 'u' -> {
                if (i + 6 > end) {
                    return MORE;
                }
                for (int k = i + 2; k < i + 6; k++) {
                    if (Character.digit(b[k], 16) < 0) {
                        return FAIL;
                    }
                }
                return i + 6;
            }
            default -> {
                return FAIL;
            }
        }
    }

    private static int literal(byte[] b, int i, int end, String word) {
        int n = word.length();
        for (int k = 0; k < n; k++) {
            if (i + k >= end) {
                return MORE;
            }
            if (b[i + k] != word.charAt(k)) {
                return FAIL;
            }
        }
        return i + n;
    }

    /** A number of the JSON grammar at {@code b[i]}; its end is only known from the byte after it. */
    private static int number(byte[] b, int i, int end) {
        int start = i;
        if (i < end && b[i] == '-') {
            i++;
        }
        if (i >= end) {
            return MORE;
        }
        if (b[i] == '0') {
            i++;
        } else if (b[i] >= '1' && b[i] <= '9') {
            i = digits(b, i, end);
        } else {
            return FAIL;
        }
        if (i < end && b[i] == '.') {
            i = fraction(b, i + 1, end);
        }
        if (i >= 0 && i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            i = fraction(b, i, end);
        }
        if (i < 0) {
            return i;
        }
        if (i >= end) {
            return MORE;
        }
        return i - start > MAX_NUMBER ? FAIL : i;
    }

    /** One digit or more at {@code b[i]} (a fraction's or an exponent's). */
    private static int fraction(byte[] b, int i, int end) {
        if (i >= end) {
            return MORE;
        }
        return b[i] >= '0' && b[i] <= '9' ? digits(b, i, end) : FAIL;
    }

    private static int digits(byte[] b, int i, int end) {
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i;
    }
}
