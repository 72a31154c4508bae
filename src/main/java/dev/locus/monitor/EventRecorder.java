package dev.locus.monitor;

import dev.locus.cluster.ObjectKey;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the monitor's Kubernetes Events (core/v1): one on the pod and one on its node, so
 * {@code kubectl describe} of either shows what the monitor did and why. Events of the
 * cluster-scoped Node go to the {@code default} namespace, as the kubelet's do. An event that
 * cannot be written is logged and dropped: reporting never stops an eviction.
 */
final class EventRecorder {

    /** The component named in every event's {@code source} and {@code reportingComponent}. */
    static final String COMPONENT = "locus-health-monitor";

    /** Event reasons (CamelCase, as Kubernetes reasons are). */
    static final String EVICTED = "LocusEvicted";
    static final String EVICTION_REFUSED = "LocusEvictionRefused";
    static final String NOT_EVICTED = "LocusNotEvicted";
    static final String STORAGE_FAILED = "LocusStorageFailed";

    private static final Logger LOG = LoggerFactory.getLogger(EventRecorder.class);

    private final KubernetesClient client;
    private final String identity;
    private final Clock clock;

    EventRecorder(KubernetesClient client, String identity, Clock clock) {
        this.client = client;
        this.identity = identity;
        this.clock = clock;
    }

    /** An event on a pod. */
    void onPod(ObjectKey pod, String uid, String type, String reason, String message) {
        write(pod.namespace(), new ObjectReferenceBuilder().withApiVersion("v1").withKind("Pod")
                .withNamespace(pod.namespace()).withName(pod.name()).withUid(uid).build(), type, reason, message);
    }

    /** An event on a node (in namespace {@code default}). */
    void onNode(String node, String type, String reason, String message) {
        write("default", new ObjectReferenceBuilder().withApiVersion("v1").withKind("Node").withName(node)
                .withUid(node).build(), type, reason, message);
    }

    private void write(String namespace, io.fabric8.kubernetes.api.model.ObjectReference involved, String type,
                       String reason, String message) {
        String now = DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        String name = involved.getName() + "." + UUID.randomUUID().toString().replace("-", "").substring(0, 16)
                .toLowerCase(Locale.ROOT);
        var event = new EventBuilder().withNewMetadata().withNamespace(namespace).withName(name).endMetadata()
                .withInvolvedObject(involved).withType(type).withReason(reason).withMessage(message)
                .withNewSource().withComponent(COMPONENT).endSource().withReportingComponent(COMPONENT)
                .withReportingInstance(identity).withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                .build();
        try {
            client.v1().events().inNamespace(namespace).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("cannot write event {} on {} {}: {}", reason, involved.getKind(), involved.getName(), e.getMessage());
        }
    }
}
