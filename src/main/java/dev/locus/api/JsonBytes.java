package dev.locus.api;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.internal.buffer.BufferInternal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A growable byte array that replies are written into, then wrapped in one Vert.x buffer.
 * Strings that need no escaping (node names always do not: DNS subdomains) are copied char
 * by char without allocating; anything else goes through Jackson's JSON quoting.
 */
final class JsonBytes {

    private static final JsonStringEncoder STRINGS = JsonStringEncoder.getInstance();

    private byte[] bytes;
    private int size;
    /** The reply so far when ranges were added by {@link #reference}: parts before {@code bytes[written..size)}. */
    private List<ByteBuf> parts;
    private int written;

    JsonBytes(int capacity) {
        bytes = new byte[Math.max(capacity, 16)];
    }

    static byte[] ascii(String constant) {
        return constant.getBytes(StandardCharsets.US_ASCII);
    }

    JsonBytes append(byte[] constant) {
        ensure(constant.length);
        System.arraycopy(constant, 0, bytes, size, constant.length);
        size += constant.length;
        return this;
    }

    JsonBytes append(byte[] source, int offset, int length) {
        ensure(length);
        System.arraycopy(source, offset, bytes, size, length);
        size += length;
        return this;
    }

    /**
     * Appends {@code source[offset..offset+length)} by reference, not by copy: the reply then
     * shares those bytes (a Nodes-mode filter reply echoes megabytes of the request's Node
     * objects, and copying them into the reply was an allocation and a copy as large as the
     * body). The source must not change until the reply is written.
     */
    JsonBytes reference(byte[] source, int offset, int length) {
        if (parts == null) {
            parts = new ArrayList<>();
        }
        if (size > written) {
            parts.add(Unpooled.wrappedBuffer(bytes, written, size - written));
            written = size;
        }
        parts.add(Unpooled.wrappedBuffer(source, offset, length));
        return this;
    }

    /** Appends a copy of {@code length} bytes written earlier, from offset {@code from}. */
    JsonBytes copyOf(int from, int length) {
        ensure(length);
        System.arraycopy(bytes, from, bytes, size, length);
        size += length;
        return this;
    }

    /** Bytes written so far. */
    int size() {
        return size;
    }

    JsonBytes append(char c) {
        ensure(1);
        bytes[size++] = (byte) c;
        return this;
    }

    /** A JSON string literal, quotes included. */
    JsonBytes string(String value) {
        int n = value.length();
        ensure(n + 2);
        int start = size;
        bytes[size++] = '"';
        for (int i = 0; i < n; i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                size = start;
                return append('"').append(quoteAsUtf8(value)).append('"');
            }
            bytes[size++] = (byte) c;
        }
        bytes[size++] = '"';
        return this;
    }

    /**
     * Jackson's UTF-8 quoting of {@code value}, with unpaired surrogates (legal as JSON
     * escapes such as {@code \ud800}, but not encodable) replaced by U+FFFD, as Go's decoder
     * and encoder do; Jackson would throw on them.
     */
    static byte[] quoteAsUtf8(String value) {
        return STRINGS.quoteAsUTF8(wellFormed(value));
    }

    private static String wellFormed(String value) {
        StringBuilder fixed = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (paired) {
                if (fixed != null) {
                    fixed.append(c).append(value.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (fixed == null) {
                    fixed = new StringBuilder(value.length()).append(value, 0, i);
                }
                fixed.append('\uFFFD');
            } else if (fixed != null) {
                fixed.append(c);
            }
        }
        return fixed == null ? value : fixed.toString();
    }

    JsonBytes number(long value) {
        return append(ascii(Long.toString(value)));
    }

    /**
     * The bytes written, wrapped without copying (a Nodes-mode reply can be ~90 MB). Vert.x 5
     * keeps the wrapping factory in its internal package; {@code Buffer.buffer(byte[])} copies.
     */
    Buffer toBuffer() {
        if (parts == null) {
            return BufferInternal.buffer(Unpooled.wrappedBuffer(bytes, 0, size));
        }
        if (size > written) {
            parts.add(Unpooled.wrappedBuffer(bytes, written, size - written));
        }
        return BufferInternal.buffer(Unpooled.wrappedBuffer(parts.size(), parts.toArray(ByteBuf[]::new)));
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
