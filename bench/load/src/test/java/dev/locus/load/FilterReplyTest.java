package dev.locus.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterReplyTest {

    static Stream<Arguments> replies() {
        return Stream.of(
                Arguments.of(NodeMode.NAMES, "{\"Nodes\":null,\"NodeNames\":[\"a\",\"b\"],\"FailedNodes\":{},\"Error\":\"\"}",
                        List.of("a", "b"), ""),
                Arguments.of(NodeMode.NAMES, "{\"nodenames\":[\"a\"],\"error\":\"\"}", List.of("a"), ""),
                Arguments.of(NodeMode.NAMES, "{\"Nodes\":null,\"NodeNames\":null,\"Error\":\"\"}", List.of(), ""),
                Arguments.of(NodeMode.NAMES, "{\"NodeNames\":[],\"Error\":\"boom\"}", List.of(), "boom"),
                // Nodes mode reads Nodes.items[].metadata.name and ignores NodeNames, as kube-scheduler does
                Arguments.of(NodeMode.NODES, "{\"Nodes\":{\"metadata\":{},\"items\":[{\"metadata\":{\"uid\":\"1\","
                        + "\"name\":\"x\",\"labels\":{\"k\":\"v\"}},\"status\":{\"images\":[{\"names\":[\"i\"]}]}},"
                        + "{\"spec\":{},\"Metadata\":{\"Name\":\"y\"}}]},\"NodeNames\":[\"ignored\"],\"Error\":\"\"}",
                        List.of("x", "y"), ""),
                Arguments.of(NodeMode.NODES, "{\"NodeNames\":[\"a\"]}", List.of(), ""));
    }

    @ParameterizedTest
    @MethodSource("replies")
    void readsTheReplyAsTheSchedulerDoes(NodeMode mode, String reply, List<String> passing, String error) {
        FilterReply parsed = FilterReply.parse(reply.getBytes(StandardCharsets.UTF_8), mode);
        assertEquals(passing, parsed.passing());
        assertEquals(error, parsed.error());
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1,2]", "{\"NodeNames\":[\"a\"", "not json", ""})
    void rejectsWhatIsNotAFilterResult(String reply) {
        assertThrows(IllegalArgumentException.class,
                () -> FilterReply.parse(reply.getBytes(StandardCharsets.UTF_8), NodeMode.NAMES));
    }
}
