package dev.locus.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import io.fabric8.zjsonpatch.JsonPatchException;
import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The patch is the difference of two documents, and applying it to the first gives the second. */
class JsonPatchTest {

    private static final ObjectMapper JSON = tools.jackson.databind.json.JsonMapper.shared();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{}                               | {}                                   | []",
        "{\"a\":1}                        | {\"a\":2}                            | [{\"op\":\"replace\",\"path\":\"/a\",\"value\":2}]",
        "{\"m\":{}}                       | {\"m\":{\"a/b~c\":\"x\"}}            | [{\"op\":\"add\",\"path\":\"/m/a~1b~0c\",\"value\":\"x\"}]",
        "{\"m\":{\"k\":1}}                | {\"m\":{\"k\":1,\"a\":{\"b\":1}}}    | [{\"op\":\"add\",\"path\":\"/m/a\",\"value\":{\"b\":1}}]",
        "{\"s\":{}}                       | {\"s\":{},\"m\":{\"a\":\"x\"}}       | [{\"op\":\"add\",\"path\":\"/m\",\"value\":{\"a\":\"x\"}}]",
        "{\"m\":null}                     | {\"m\":{\"a\":\"x\"}}                | [{\"op\":\"replace\",\"path\":\"/m\",\"value\":{\"a\":\"x\"}}]",
        "{\"a\":1,\"b\":2}                | {\"b\":2}                            | [{\"op\":\"remove\",\"path\":\"/a\"}]",
        "{\"l\":[1,2]}                    | {\"l\":[1,3]}                        | [{\"op\":\"replace\",\"path\":\"/l\",\"value\":[1,3]}]",
    })
    void diffTurnsTheOriginalIntoTheMutatedCopy(String original, String mutated, String expected) throws IOException {
        JsonNode from = JSON.readTree(original);
        JsonNode to = JSON.readTree(mutated);
        JsonNode patch = JsonPatch.diff(from, to);
        assertEquals(JSON.readTree(expected), patch);
        assertEquals(to, io.fabric8.zjsonpatch.JsonPatch.apply(patch, from));
    }

    /** What the API server refused even under failurePolicy Ignore (capture patch-add-missing-parent). */
    @Test
    void theApplierRefusesAnAddBelowAMissingParentAsTheApiServerDoes() throws IOException {
        JsonNode bad = JSON.readTree("[{\"op\":\"add\",\"path\":\"/metadata/annotations/locus.dev~1x\",\"value\":\"y\"}]");
        assertThrows(JsonPatchException.class,
                () -> io.fabric8.zjsonpatch.JsonPatch.apply(bad, JSON.readTree("{\"metadata\":{}}")));
    }
}
