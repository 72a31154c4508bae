package dev.locus.admission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import tools.jackson.databind.ObjectMapper;
import dev.locus.cluster.ClaimInfo;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ObjectKey;
import dev.locus.cluster.StorageClassInfo;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The decision, table-driven: pods (as JSON) against one snapshot. */
class SchedulerNameDecisionTest {

    private static final ObjectMapper JSON = tools.jackson.databind.json.JsonMapper.shared();
    private static final String MANAGED = "hc.example.com";
    private static final SchedulerNameDecision DECISION =
            new SchedulerNameDecision("locus-scheduler", new ManagedClasses(Set.of(MANAGED)));

    private static final ClusterSnapshot CLUSTER = ClusterSnapshot.builder().generation(1)
            .storageClass(storageClass("hc", MANAGED, Map.of()))
            .storageClass(storageClass("other", "other.example.com", Map.of()))
            .storageClass(storageClass("opted-in", "other.example.com", Map.of(ManagedClasses.ANNOTATION, "true")))
            .storageClass(storageClass("opted-out", MANAGED, Map.of(ManagedClasses.ANNOTATION, "false")))
            .storageClass(storageClass("standard", MANAGED, Map.of(ManagedClasses.DEFAULT_CLASS, "true")))
            .claim(claim("data-0", "hc"))
            .claim(claim("plain", "other"))
            .claim(claim("static", ""))
            .claim(claim("in-opted-in", "opted-in"))
            .claim(claim("in-opted-out", "opted-out"))
            .claim(claim("in-ghost", "ghost"))
            .build();

    static Stream<Arguments> pods() {
        return Stream.of(
                row("no volumes", null, "[]", Decision.Action.SKIP, Reason.NO_MANAGED_VOLUME),
                row("managed claim, defaulted scheduler", "default-scheduler", claims("data-0"), Decision.Action.MUTATE,
                        Reason.SCHEDULER_SET),
                row("managed claim, no schedulerName", null, claims("data-0"), Decision.Action.MUTATE, Reason.SCHEDULER_SET),
                row("managed claim, empty schedulerName", "", claims("data-0"), Decision.Action.MUTATE, Reason.SCHEDULER_SET),
                row("managed claim, another scheduler", "my-other-scheduler", claims("data-0"), Decision.Action.SKIP,
                        Reason.OTHER_SCHEDULER),
                row("managed claim, already Locus's", "locus-scheduler", claims("data-0"), Decision.Action.SKIP,
                        Reason.ALREADY_SET),
                row("claim of another provisioner", null, claims("plain"), Decision.Action.SKIP, Reason.NO_MANAGED_VOLUME),
                row("one managed claim among others", null, claims("plain", "data-0"), Decision.Action.MUTATE,
                        Reason.SCHEDULER_SET),
                row("claim not in the cache yet", null, claims("data-web-0"), Decision.Action.WAIT, Reason.NOT_IN_CACHE),
                row("unknown claim and a managed one", null, claims("data-web-0", "data-0"), Decision.Action.MUTATE,
                        Reason.SCHEDULER_SET),
                row("claim without a class", null, claims("static"), Decision.Action.SKIP, Reason.NO_MANAGED_VOLUME),
                row("class annotated managed=true", null, claims("in-opted-in"), Decision.Action.MUTATE,
                        Reason.SCHEDULER_SET),
                row("class annotated managed=false beats the provisioner list", null, claims("in-opted-out"),
                        Decision.Action.SKIP, Reason.NO_MANAGED_VOLUME),
                row("claim whose class is not in the cache yet", null, claims("in-ghost"), Decision.Action.WAIT,
                        Reason.NOT_IN_CACHE),
                row("ephemeral volume in a managed class", null, ephemeral("\"hc\""), Decision.Action.MUTATE,
                        Reason.SCHEDULER_SET),
                row("ephemeral volume in another class", null, ephemeral("\"other\""), Decision.Action.SKIP,
                        Reason.NO_MANAGED_VOLUME),
                row("ephemeral volume without class: the default class decides", null, ephemeral(null),
                        Decision.Action.MUTATE, Reason.SCHEDULER_SET),
                row("non-PVC volumes only", null, "[{\"name\":\"cfg\",\"configMap\":{\"name\":\"x\"}},"
                        + "{\"name\":\"tmp\",\"emptyDir\":{}}]", Decision.Action.SKIP, Reason.NO_MANAGED_VOLUME));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pods")
    void decides(String description, String pod, Decision.Action action, Reason reason) throws IOException {
        Decision decision = DECISION.decide(PodFacts.of(JSON.readTree(pod), "default"), CLUSTER);
        assertEquals(action, decision.action(), decision.toString());
        assertEquals(reason, decision.reason(), decision.toString());
    }

    @Test
    void claimsAreLookedUpInThePodsNamespace() throws IOException {
        String pod = pod(null, claims("data-0"));
        assertEquals(Decision.Action.MUTATE, DECISION.decide(PodFacts.of(JSON.readTree(pod), "default"), CLUSTER).action());
        assertEquals(Decision.Action.WAIT, DECISION.decide(PodFacts.of(JSON.readTree(pod), "apps"), CLUSTER).action());
    }

    @Test
    void withTwoDefaultClassesAnEphemeralVolumeWithoutClassIsNotJudged() throws IOException {
        ClusterSnapshot twoDefaults = ClusterSnapshot.builder().generation(1)
                .storageClass(storageClass("a", MANAGED, Map.of(ManagedClasses.DEFAULT_CLASS, "true")))
                .storageClass(storageClass("b", MANAGED, Map.of(ManagedClasses.DEFAULT_CLASS_BETA, "true")))
                .build();
        Decision decision = DECISION.decide(PodFacts.of(JSON.readTree(pod(null, ephemeral(null))), "default"),
                twoDefaults);
        assertEquals(Reason.NO_MANAGED_VOLUME, decision.reason());
    }

    private static Arguments row(String description, String scheduler, String volumes, Decision.Action action,
                                 Reason reason) {
        return Arguments.of(description, pod(scheduler, volumes), action, reason);
    }

    private static String pod(String scheduler, String volumes) {
        return "{\"metadata\":{\"name\":\"p\",\"namespace\":\"default\"},\"spec\":{"
                + (scheduler == null ? "" : "\"schedulerName\":\"" + scheduler + "\",")
                + "\"containers\":[{\"name\":\"c\",\"image\":\"pause\"}],\"volumes\":" + volumes + "}}";
    }

    private static String claims(String... names) {
        StringBuilder json = new StringBuilder("[");
        for (String name : names) {
            json.append(json.length() > 1 ? "," : "").append("{\"name\":\"v-").append(name)
                    .append("\",\"persistentVolumeClaim\":{\"claimName\":\"").append(name).append("\"}}");
        }
        return json.append(",{\"name\":\"kube-api-access-x\",\"projected\":{\"sources\":[]}}]").toString();
    }

    private static String ephemeral(String storageClass) {
        return "[{\"name\":\"scratch\",\"ephemeral\":{\"volumeClaimTemplate\":{\"spec\":{"
                + (storageClass == null ? "" : "\"storageClassName\":" + storageClass + ",")
                + "\"accessModes\":[\"ReadWriteOnce\"],\"resources\":{\"requests\":{\"storage\":\"1Gi\"}}}}}}]";
    }

    private static StorageClassInfo storageClass(String name, String provisioner, Map<String, String> annotations) {
        return new StorageClassInfo(name, provisioner, "WaitForFirstConsumer", annotations);
    }

    private static ClaimInfo claim(String name, String storageClass) {
        return new ClaimInfo(new ObjectKey("default", name), null, storageClass, 1L << 30, Map.of());
    }
}
