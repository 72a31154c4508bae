package dev.locus.bench.admission;

import dev.locus.admission.AdmissionRequest;
import dev.locus.admission.ManagedClasses;
import dev.locus.admission.ReviewCodec;
import dev.locus.admission.SchedulerNameDecision;
import dev.locus.admission.SchedulerNameWebhook;
import dev.locus.cluster.ClaimInfo;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ObjectKey;
import dev.locus.cluster.StorageClassInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One admission review in-process, as the webhook's worker does it: the captured body
 * (a real kube-apiserver v1.24 request, from the test resources) decoded, read, decided
 * against a snapshot of {@code claims} claims, and the answer encoded (with its JSONPatch
 * for {@code statefulset-pod}, without for {@code pod-no-volumes}). TLS and HTTP are not in it.
 * Run from the repository root:
 * {@code java -jar bench/target/benchmarks.jar AdmissionBenchmark -f 1 -wi 5 -i 5 -w 1s -r 1s}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class AdmissionBenchmark {

    static final Path CAPTURES = Path.of("src", "test", "resources", "fixtures", "kube-apiserver-v1.24-admission",
            "requests");

    @Param({"statefulset-pod", "pod-no-volumes"})
    public String capture;

    @Param({"1000", "100000"})
    public int claims;

    private byte[] body;
    private ClusterSnapshot snapshot;
    private SchedulerNameWebhook webhook;

    @Setup
    public void setUp() {
        try {
            body = Files.readAllBytes(CAPTURES.resolve(capture + ".request.json"));
        } catch (IOException e) {
            throw new UncheckedIOException("run from the repository root: " + CAPTURES + " holds the captures", e);
        }
        ClusterSnapshot.Builder builder = ClusterSnapshot.builder().generation(1)
                .storageClass(new StorageClassInfo("hc", "hc.example.com", "WaitForFirstConsumer", Map.of()));
        for (int i = 0; i < claims; i++) {
            builder.claim(new ClaimInfo(new ObjectKey("ns-" + (i % 100), "data-" + i), null, "hc", 1L << 30, Map.of()));
        }
        builder.claim(new ClaimInfo(new ObjectKey("default", "data-web-0"), null, "hc", 1L << 30, Map.of()));
        snapshot = builder.build();
        webhook = new SchedulerNameWebhook(new SchedulerNameDecision("locus-scheduler",
                new ManagedClasses(Set.of("hc.example.com"))));
    }

    @Benchmark
    public byte[] review() {
        AdmissionRequest request = ReviewCodec.decode(body);
        return webhook.answer(webhook.read(request), snapshot, true).body();
    }
}
