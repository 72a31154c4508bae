package dev.locus.deploy;

import tools.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every KubeSchedulerConfiguration we ship (scheduler-config/*.yaml, and those inside the
 * overlays' ConfigMaps) passes {@link SchedulerConfigCheck} and carries Locus's choices;
 * the check itself rejects broken configurations.
 */
class SchedulerConfigTest {

    static final String SCHEDULER_NAME = "locus-scheduler";

    /** A shipped KubeSchedulerConfiguration and where it lives (shown in test names and failures). */
    record Source(String where, JsonNode config) {
        @Override
        public String toString() {
            return where;
        }
    }

    /** Every shipped KubeSchedulerConfiguration. */
    static Stream<Source> configs() {
        List<Source> all = new ArrayList<>();
        for (Path file : DeployFiles.schedulerConfigExamples()) {
            DeployFiles.yamlDocuments(file).forEach(doc -> all.add(new Source(DeployFiles.relative(file), doc)));
        }
        for (Path file : DeployFiles.manifests()) {
            for (HasMetadata o : DeployFiles.objects(file)) {
                if (o instanceof ConfigMap cm && cm.getData() != null) {
                    cm.getData().forEach((key, text) -> {
                        JsonNode doc = DeployFiles.yaml(text);
                        if (doc != null && doc.path("kind").asString().equals("KubeSchedulerConfiguration")) {
                            all.add(new Source(DeployFiles.relative(file) + " [" + key + "]", doc));
                        }
                    });
                }
            }
        }
        return all.stream();
    }

    @Test
    void everyLayoutAndExampleIsCovered() {
        List<String> names = configs().map(Source::where).toList();
        assertTrue(names.contains("deploy/overlays/second-scheduler/scheduler-config.yaml [scheduler-config.yaml]"), names::toString);
        assertTrue(names.contains("deploy/overlays/sidecar/scheduler-config.yaml [scheduler-config.yaml]"), names::toString);
        List<JsonNode> extenders = configs().flatMap(c -> stream(c.config().path("extenders"))).toList();
        assertTrue(extenders.stream().anyMatch(e -> e.path("nodeCacheCapable").asBoolean(false)), "a NodeNames example");
        assertTrue(extenders.stream().anyMatch(e -> !e.path("nodeCacheCapable").asBoolean(true)), "a Nodes example");
        assertTrue(extenders.stream().anyMatch(e -> e.path("enableHTTPS").asBoolean(false)
                && e.path("tlsConfig").has("caFile") && e.path("tlsConfig").has("certFile")), "a TLS example");
    }

    @ParameterizedTest
    @MethodSource("configs")
    void passesTheStructuralCheck(Source source) {
        assertEquals(List.of(), SchedulerConfigCheck.problems(source.config()), source.where());
    }

    @ParameterizedTest
    @MethodSource("configs")
    void makesLocusChoicesExplicit(Source source) {
        JsonNode config = source.config();
        String at = source.where() + ": ";
        assertEquals(100, config.path("percentageOfNodesToScore").asInt(), at + "percentageOfNodesToScore");
        List<String> profiles = stream(config.path("profiles")).map(p -> p.path("schedulerName").asString()).toList();
        assertEquals(List.of(SCHEDULER_NAME), profiles, at + "one profile, " + SCHEDULER_NAME);
        assertFalse(config.path("extenders").isEmpty(), at + "extenders");
        for (JsonNode e : config.path("extenders")) {
            for (String field : List.of("weight", "httpTimeout", "nodeCacheCapable", "ignorable")) {
                assertTrue(e.has(field), at + field + " chosen explicitly");
            }
            assertEquals("filter", e.path("filterVerb").asString(), at + "filterVerb");
            assertEquals("prioritize", e.path("prioritizeVerb").asString(), at + "prioritizeVerb");
        }
    }

    /** A second scheduler must never take the default scheduler's lease. */
    @ParameterizedTest
    @MethodSource("configs")
    void leaderElectionUsesItsOwnLease(Source source) {
        JsonNode le = source.config().path("leaderElection");
        assertTrue(le.path("leaderElect").asBoolean(false), source.where() + ": leaderElect");
        assertEquals(SCHEDULER_NAME, le.path("resourceName").asString(), source.where() + ": lease name");
        assertNotEquals("kube-system", le.path("resourceNamespace").asString("kube-system"), source.where() + ": lease namespace");
    }

    private static final String VALID = """
            apiVersion: kubescheduler.config.k8s.io/v1
            kind: KubeSchedulerConfiguration
            profiles:
              - schedulerName: locus-scheduler
            extenders:
              - urlPrefix: http://locus:8888
                filterVerb: filter
                prioritizeVerb: prioritize
                weight: 5
                httpTimeout: 2s
                ignorable: true
            """;

    @Test
    void theValidSampleHasNoProblems() {
        assertEquals(List.of(), SchedulerConfigCheck.problems(DeployFiles.yaml(VALID)));
    }

    /** Each row breaks the valid sample in one way; the check must name the problem. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            old apiVersion        | config.k8s.io/v1         | config.k8s.io/v1beta3     | apiVersion
            misspelt field        | ignorable: true          | ignoreable: true          | ignoreable is not a known field
            quoted boolean        | ignorable: true          | ignorable: "true"         | ignorable must be a boolean
            zero weight           | weight: 5                | weight: 0                 | weight must be a positive
            no weight             | '    weight: 5\n'        | ''                        | weight must be a positive
            numeric timeout       | httpTimeout: 2s          | httpTimeout: 2            | httpTimeout must be
            unknown unit          | httpTimeout: 2s          | httpTimeout: 2sec         | httpTimeout must be
            negative timeout      | httpTimeout: 2s          | httpTimeout: -2s          | httpTimeout must be
            https without TLS     | http://locus             | https://locus             | urlPrefix
            no filterVerb         | filterVerb: filter       | filterVrb: filter         | filterVerb is required
            no schedulerName      | schedulerName: locus     | name: locus               | schedulerName is required
            tls without https     | ignorable: true          | 'tlsConfig: {caFile: /ca}' | tlsConfig is ignored
            unknown tls field     | ignorable: true          | 'tlsConfig: {ca: /ca}'    | tlsConfig.ca is not a known field
            per-profile extenders | '  - schedulerName: locus-scheduler' | '  - schedulerName: locus-scheduler\n    extenders: []' | profiles[0].extenders is not a known field
            """)
    void rejectsABrokenConfiguration(String name, String from, String to, String expected) {
        String broken = VALID.replace(unescape(from), unescape(to));
        assertNotEquals(VALID, broken, "the row must change the sample");
        List<String> problems = SchedulerConfigCheck.problems(DeployFiles.yaml(broken));
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)), "expected '" + expected + "' in " + problems);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "2s", "500ms", "1.5s", ".5s", "1h2m3.5s", "100us", "10\u00b5s", "3m"})
    void goDurationsAccepted(String duration) {
        assertTrue(SchedulerConfigCheck.GO_DURATION.matcher(duration).matches(), duration);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "2sec", "s", ".s", "1 s", "1S", "1d", "2s "})
    void goDurationsRejected(String duration) {
        assertFalse(SchedulerConfigCheck.GO_DURATION.matcher(duration).matches(), duration);
    }

    private static String unescape(String csv) {
        return csv.replace("\\n", "\n");
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }
}
