package dev.locus.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.IntStream;
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
}
