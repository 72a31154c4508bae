package dev.locus.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NameIndexTest {

    @ParameterizedTest(name = "{0} names")
    @ValueSource(ints = {0, 1, 2, 3, 7, 100, 5000})
    void findsEveryNameAndNothingElse(int n) {
        String[] names = IntStream.range(0, n).mapToObj(i -> "node-" + i).toArray(String[]::new);
        NameIndex index = new NameIndex(names);

        for (int i = 0; i < n; i++) {
            assertEquals(i, index.get(new String(names[i].toCharArray())));
        }
        assertEquals(-1, index.get("node-" + n));
        assertEquals(-1, index.get(""));
        // colliding hash codes: "Aa" and "BB" hash alike
        NameIndex colliding = new NameIndex(new String[] {"Aa", "BB"});
        assertEquals(0, colliding.get("Aa"));
        assertEquals(1, colliding.get("BB"));
        assertEquals(-1, colliding.get("AaAa"));
    }

    @ParameterizedTest(name = "{0} names")
    @ValueSource(ints = {0, 1, 3, 100, 5000})
    void findsAsciiNamesByTheirBytes(int n) {
        String[] names = IntStream.range(0, n).mapToObj(i -> "node-" + i).toArray(String[]::new);
        NameIndex index = new NameIndex(names);
        byte[] body = ("[\"" + String.join("\",\"", names) + "\",\"node-" + n + "\"]").getBytes(StandardCharsets.US_ASCII);

        int offset = 2;
        for (int i = 0; i <= n; i++) {
            String name = "node-" + i;
            assertEquals(i < n ? i : -1, index.get(body, offset, name.length(), name.hashCode()), name);
            offset += name.length() + 3;
        }
    }

    /**
     * "Aa" and "BB" hash alike, so a name with one put for the other reaches the same slot and
     * only the byte compare tells them apart: at every position of names 2 to 40 bytes long,
     * which covers the eight-bytes-a-step compare, its overlapping last step and the byte loop.
     */
    @Test
    void byteLookupsTellApartNamesThatDifferAnywhere() {
        for (int length = 2; length <= 40; length++) {
            for (int at = 0; at + 2 <= length; at++) {
                String name = "x".repeat(at) + "Aa" + "y".repeat(length - at - 2);
                String twin = "x".repeat(at) + "BB" + "y".repeat(length - at - 2);
                NameIndex index = new NameIndex(new String[] {"other", name});
                byte[] body = ("[\"" + twin + "\",\"" + name + "\"]").getBytes(StandardCharsets.US_ASCII);

                assertEquals(-1, index.get(body, 2, length, twin.hashCode()), twin);
                assertEquals(1, index.get(body, length + 5, length, name.hashCode()), name);
            }
        }
    }

    @Test
    void byteLookupsMatchWholeAsciiNamesOnly() {
        NameIndex index = new NameIndex(new String[] {"Aa", "BB", "nœud", "ab"});
        byte[] bytes = "xAaBBabc".getBytes(StandardCharsets.US_ASCII);

        assertEquals(0, index.get(bytes, 1, 2, "Aa".hashCode()));
        assertEquals(1, index.get(bytes, 3, 2, "BB".hashCode()), "same hash code as Aa");
        assertEquals(3, index.get(bytes, 5, 2, "ab".hashCode()));
        assertEquals(-1, index.get(bytes, 5, 3, "abc".hashCode()), "a prefix of the bytes is not the name");
        byte[] latin1 = "nœud".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(-1, index.get(latin1, 0, latin1.length, "nœud".hashCode()), "non-ASCII names are looked up as Strings");
        assertEquals(2, index.get("nœud"));
    }
}
