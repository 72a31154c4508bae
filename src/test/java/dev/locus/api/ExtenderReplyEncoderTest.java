package dev.locus.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import tools.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtenderReplyEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PodInfo POD = new PodInfo("ns", "p", Map.of(), List.of());

    @Test
    void priorities() {
        String json = ExtenderReplyEncoder.priorities(List.of(new HostPriority("node-1", 10), new HostPriority("n\"2", 0),
                new HostPriority("nœud-3", 7))).toString(StandardCharsets.UTF_8);

        assertEquals("[{\"Host\":\"node-1\",\"Score\":10},{\"Host\":\"n\\\"2\",\"Score\":0},"
                + "{\"Host\":\"nœud-3\",\"Score\":7}]", json);
    }

    @Test
    void emptyPriorities() {
        assertEquals("[]", ExtenderReplyEncoder.priorities(List.of()).toString(StandardCharsets.UTF_8));
    }

    @Test
    void filterInNodeNamesMode() throws Exception {
        ExtenderArgs args = new ExtenderArgs(POD, NodeMode.NODE_NAMES,
                List.of(CandidateNode.named("a"), CandidateNode.named("b"), CandidateNode.named("c"),
                        CandidateNode.named("z"), CandidateNode.named("y")), new byte[0]);
        BitSet passing = new BitSet();
        passing.set(0);
        passing.set(2);

        String json = ExtenderReplyEncoder.filter(args, FilterResult.of(args, passing, Map.of("b", "why \"not\"\n"),
                Map.of("z", "never", "y", "ünresolvable"))).toString(StandardCharsets.UTF_8);

        assertEquals("{\"Nodes\":null,\"NodeNames\":[\"a\",\"c\"],\"FailedNodes\":{\"b\":\"why \\\"not\\\"\\n\"},"
                + "\"FailedAndUnresolvableNodes\":{\"y\":\"ünresolvable\",\"z\":\"never\"},\"Error\":\"\"}", json);
        JSON.readTree(json);
    }

    @Test
    void filterInNodesModeEchoesThePassingNodesBytes() {
        String body = "{\"Pod\":{},\"Nodes\":{\"items\":[{\"metadata\":{\"name\":\"a\"}},{\"metadata\":{\"name\":\"b\"}}]}}";
        ExtenderArgs args = ExtenderArgsDecoder.decode(body.getBytes(StandardCharsets.UTF_8));
        BitSet passing = new BitSet();
        passing.set(1);

        String json = ExtenderReplyEncoder.filter(args, FilterResult.of(args, passing, Map.of("a", "full"), Map.of()))
                .toString(StandardCharsets.UTF_8);

        assertEquals("{\"Nodes\":{\"metadata\":{},\"items\":[{\"metadata\":{\"name\":\"b\"}}]},\"NodeNames\":[\"b\"],"
                + "\"FailedNodes\":{\"a\":\"full\"},\"FailedAndUnresolvableNodes\":{},\"Error\":\"\"}", json);
    }

    @Test
    void noNodePasses() {
        ExtenderArgs args = new ExtenderArgs(POD, NodeMode.NODES, List.of(), new byte[0]);

        assertEquals("{\"Nodes\":{\"metadata\":{},\"items\":[]},\"NodeNames\":[],\"FailedNodes\":{},"
                + "\"FailedAndUnresolvableNodes\":{},\"Error\":\"\"}",
                ExtenderReplyEncoder.filter(args, FilterResult.of(args, new BitSet(), Map.of(), Map.of()))
                        .toString(StandardCharsets.UTF_8));
    }

    @Test
    void error() {
        assertEquals("{\"Error\":\"bad \\\"thing\\\"\"}", ExtenderReplyEncoder.error("bad \"thing\"")
                .toString(StandardCharsets.UTF_8));
    }
}
