package dev.locus.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.locus.api.PodInfo;
import dev.locus.cluster.ClaimInfo;
import dev.locus.cluster.ClusterObjects;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ObjectKey;
import dev.locus.cluster.StaticClusterState;
import dev.locus.cluster.StorageClassInfo;
import dev.locus.cluster.VolumeInfo;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * When a snapshot is behind what kube-scheduler must already hold of a pod's claims (its
 * VolumeBinding plugin lets no other pod reach an extender), and when it is not. The waiting
 * itself, against a live state, is {@code BindingRaceTest}'s.
 */
class UnseenBindingsTest {

    private static final PodInfo POD = new PodInfo("default", "db-0", Map.of(), List.of("data"));

    static Stream<Arguments> claims() {
        return Stream.of(
                Arguments.of("bound, volume known", claim("pv-1", "immediate", Map.of()), true, false),
                Arguments.of("bound, volume not in the snapshot", claim("pv-1", "immediate", Map.of()), false, true),
                Arguments.of("unbound, Immediate class", claim(null, "immediate", Map.of()), false, true),
                Arguments.of("unbound, WaitForFirstConsumer class", claim(null, "wffc", Map.of()), false, false),
                Arguments.of("unbound, no class (binds immediately)", claim(null, null, Map.of()), false, true),
                Arguments.of("unbound, class not in the snapshot (immediate)", claim(null, "gone", Map.of()), false, true),
                Arguments.of("unbound, beta annotation names a WaitForFirstConsumer class",
                        claim(null, "immediate", Map.of("volume.beta.kubernetes.io/storage-class", "wffc")), false, false),
                Arguments.of("unbound, empty beta annotation wins over the class (no class)",
                        claim(null, "wffc", Map.of("volume.beta.kubernetes.io/storage-class", "")), false, true),
                Arguments.of("claim not in the snapshot", null, false, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("claims")
    void behindOnlyWhereTheSchedulerCannotBe(String name, ClaimInfo claim, boolean volumeKnown, boolean behind) {
        String unseen = UnseenBindings.unseen(POD, snapshot(claim, volumeKnown));
        assertEquals(behind, unseen != null, String.valueOf(unseen));
    }

    @Test
    void manifestsAreNeverBehindAndNothingWaits() {
        ClusterSnapshot manifests = snapshot(null, false);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        StaticClusterState state = new StaticClusterState(manifests);
        UnseenBindings bindings = new UnseenBindings(state, new SnapshotWait(state), registry);
        assertSame(manifests, bindings.snapshotFor(POD, TimeUnit.SECONDS.toNanos(30)));
        for (String outcome : List.of(UnseenBindings.CAUGHT_UP, UnseenBindings.GAVE_UP)) {
            assertEquals(0.0, registry.get("locus.snapshot.waits").tag("outcome", outcome).counter().count(), outcome);
        }
    }

    /** The claim as Locus records it from the API object (so the beta class annotation is read there). */
    private static ClaimInfo claim(String volume, String storageClass, Map<String, String> annotations) {
        return ClusterObjects.claim(new PersistentVolumeClaimBuilder().withNewMetadata().withNamespace("default")
                .withName("data").withAnnotations(annotations).endMetadata().withNewSpec().withVolumeName(volume)
                .withStorageClassName(storageClass).endSpec().build());
    }

    private static ClusterSnapshot snapshot(ClaimInfo claim, boolean volumeKnown) {
        ClusterSnapshot.Builder builder = ClusterSnapshot.builder().generation(1)
                .storageClass(new StorageClassInfo("immediate", "example.com/csi", "Immediate", Map.of()))
                .storageClass(new StorageClassInfo("wffc", "example.com/csi", "WaitForFirstConsumer", Map.of()));
        if (claim != null) {
            builder.claim(claim);
        }
        if (volumeKnown) {
            builder.volume(new VolumeInfo("pv-1", "immediate", 1L << 30, null, null, null,
                    new ObjectKey("default", "data"), Map.of()));
        }
        return builder.build();
    }
}
