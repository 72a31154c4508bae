package dev.locus.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.locus.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExtenderCodecTest {

    private static ExtenderArgs decode(String json) {
        return ExtenderArgsDecoder.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void decodesACapturedNodeNamesRequest() {
        ExtenderArgs args = ExtenderArgsDecoder.decode(
                Fixtures.bytes(Fixtures.request("node-cache-capable-true/0003")));
        assertEquals(NodeMode.NODE_NAMES, args.mode());
        assertEquals(List.of("node-2", "node-1"), args.nodes().stream().map(CandidateNode::name).toList());
        assertEquals("default", args.pod().namespace());
        assertEquals("pod-wffc", args.pod().name());
        // the projected service-account volume is not a claim
        assertEquals(List.of("data-wffc"), args.pod().claimNames());
    }

    @Test
    void decodesACapturedNodesRequestWithLabelsAndByteRanges() {
        byte[] body = Fixtures.bytes(Fixtures.request("node-cache-capable-false/0001"));
        ExtenderArgs args = ExtenderArgsDecoder.decode(body);
        assertEquals(NodeMode.NODES, args.mode());
        assertEquals(3, args.nodes().size());
        for (CandidateNode node : args.nodes()) {
            assertEquals(node.name(), node.labels().get("kubernetes.io/hostname"));
            String object = new String(body, node.start(), node.end() - node.start(), StandardCharsets.UTF_8);
            assertEquals('{', object.charAt(0));
            assertEquals('}', object.charAt(object.length() - 1));
            assertEquals(true, object.contains("\"name\":\"" + node.name() + "\""), object);
        }
    }

    @Test
    void nodesModeReplyEchoesThePassingNodesBytesExactly() {
        byte[] body = Fixtures.bytes(Fixtures.request("node-cache-capable-false/0001"));
        ExtenderArgs args = ExtenderArgsDecoder.decode(body);
        BitSet passing = new BitSet();
        passing.set(1);
        String reply = ExtenderReplyEncoder.filter(args, FilterResult.of(args, passing, Map.of(),
                Map.of(args.nodes().get(0).name(), "r0", args.nodes().get(2).name(), "r2"))).toString();
        CandidateNode kept = args.nodes().get(1);
        byte[] echoed = Arrays.copyOfRange(body, kept.start(), kept.end());
        String expectedPrefix = "{\"Nodes\":{\"metadata\":{},\"items\":[" + new String(echoed, StandardCharsets.UTF_8) + "]}";
        assertEquals(true, reply.startsWith(expectedPrefix));
        assertEquals(true, reply.endsWith(",\"NodeNames\":[\"" + kept.name() + "\"],\"FailedNodes\":{},"
                + "\"FailedAndUnresolvableNodes\":{\"" + args.nodes().get(0).name() + "\":\"r0\",\""
                + args.nodes().get(2).name() + "\":\"r2\"},\"Error\":\"\"}"), reply);
    }

    @Test
    void keysMatchCaseInsensitivelyAndTheLastDuplicateWins() {
        ExtenderArgs args = decode("""
                {"pod": {"METADATA": {"Name": "p", "namespace": "ns"}},
                 "nodenames": ["x"], "NODENAMES": ["a", "b"], "nodes": null}""");
        assertEquals("ns", args.pod().namespace());
        assertEquals("p", args.pod().name());
        assertEquals(List.of("a", "b"), args.nodes().stream().map(CandidateNode::name).toList());
    }

    @Test
    void ephemeralVolumesNameTheirGeneratedClaim() {
        ExtenderArgs args = decode("""
                {"Pod": {"metadata": {"name": "web-0"}, "spec": {"volumes": [
                   {"name": "scratch", "ephemeral": {"volumeClaimTemplate": {"spec": {}}}},
                   {"name": "data", "persistentVolumeClaim": {"claimName": "data-web-0"}},
                   {"name": "cfg", "configMap": {"name": "c"}}]}},
                 "NodeNames": ["n"]}""");
        assertEquals("default", args.pod().namespace());
        assertEquals(List.of("web-0-scratch", "data-web-0"), args.pod().claimNames());
    }

    @Test
    void anEmptyNodeListIsZeroCandidatesNotAnError() {
        ExtenderArgs args = decode("{\"Pod\": {}, \"Nodes\": {\"items\": []}, \"NodeNames\": null}");
        assertEquals(NodeMode.NODES, args.mode());
        assertEquals(0, args.nodes().size());
        assertEquals("{\"Nodes\":{\"metadata\":{},\"items\":[]},\"NodeNames\":[],\"FailedNodes\":{},"
                + "\"FailedAndUnresolvableNodes\":{},\"Error\":\"\"}",
                ExtenderReplyEncoder.filter(args, FilterResult.of(args, new BitSet(), Map.of(), Map.of())).toString());
    }

    @Test
    void nodeNamesReplyHasNullNodesAndEscapesStrings() {
        ExtenderArgs args = decode("{\"Pod\": {}, \"NodeNames\": [\"n\\\"1\"], \"Nodes\": null}");
        BitSet all = new BitSet();
        all.set(0);
        assertEquals("{\"Nodes\":null,\"NodeNames\":[\"n\\\"1\"],\"FailedNodes\":{},\"FailedAndUnresolvableNodes\":{},"
                + "\"Error\":\"\"}", ExtenderReplyEncoder.filter(args, FilterResult.of(args, all, Map.of(), Map.of())).toString());
        assertNull(args.nodes().get(0).labels());
    }

    @Test
    void unpairedSurrogatesAreRepliedAsReplacementCharactersLikeGo() {
        ExtenderArgs args = decode("{\"Pod\": {}, \"NodeNames\": [\"a\\ud800\", \"b\\ud83d\\ude00\"]}");
        BitSet all = new BitSet();
        all.set(0, 2);
        String reply = ExtenderReplyEncoder.filter(args, FilterResult.of(args, all, Map.of(), Map.of())).toString();
        assertEquals(true, reply.contains("\"NodeNames\":[\"a\uFFFD\",\"b\uD83D\uDE00\"]"), reply);
        assertEquals("[{\"Host\":\"a\uFFFD\",\"Score\":0}]",
                ExtenderReplyEncoder.priorities(List.of(new HostPriority("a\uD800", 0))).toString());
    }

    @Test
    void prioritiesAndErrorsArePascalCase() {
        assertEquals("[{\"Host\":\"a\",\"Score\":10},{\"Host\":\"b\",\"Score\":0}]",
                ExtenderReplyEncoder.priorities(List.of(new HostPriority("a", 10), new HostPriority("b", 0))).toString());
        assertArrayEquals("{\"Error\":\"bad \\\"x\\\"\"}".getBytes(StandardCharsets.UTF_8),
                ExtenderReplyEncoder.error("bad \"x\"").getBytes());
    }
}
