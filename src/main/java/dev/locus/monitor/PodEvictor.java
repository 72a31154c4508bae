package dev.locus.monitor;

import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that evicts (the descheduler's {@code PodEvictor}): planners only propose.
 * Every eviction goes through the Eviction API ({@code pods/eviction}), so PodDisruptionBudgets
 * hold and a StatefulSet loses one member at a time; it names the pod's UID as a precondition,
 * so a member recreated under the same name is never evicted by a decision about its
 * predecessor. Budgets ({@link EvictionBudget}) bound evictions per minute cluster-wide and
 * per node, and a refused pod backs off. In dry-run mode it logs what it would do and
 * touches nothing.
 */
final class PodEvictor {

    /** What became of a proposed eviction. */
    enum Outcome {
        EVICTED("evicted"),
        WOULD_EVICT("dry-run"),
        CLUSTER_BUDGET("cluster-budget"),
        NODE_BUDGET("node-budget"),
        BACKING_OFF("refusal-backoff"),
        REFUSED("refused"),
        GONE("gone"),
        FAILED("failed");

        private final String label;

        Outcome(String label) {
            this.label = label;
        }

        String label() {
            return label;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(PodEvictor.class);

    private final KubernetesClient client;
    private final boolean dryRun;
    private final EvictionBudget budget;
    private final EventRecorder events;
    private final MonitorMetrics metrics;
    /** UIDs a dry-run "would evict" was counted for: once per pod, not once per pass. */
    private final Set<String> wouldEvict = new HashSet<>();

    PodEvictor(KubernetesClient client, boolean dryRun, EvictionBudget budget, EventRecorder events,
               MonitorMetrics metrics) {
        this.client = client;
        this.dryRun = dryRun;
        this.budget = budget;
        this.events = events;
        this.metrics = metrics;
    }

    /**
     * A client for evictions that does not retry: fabric8 retries 429 and 5xx answers with
     * exponential back-off (up to its {@code requestRetryBackoffLimit}), which would turn one
     * PodDisruptionBudget refusal into a minute of retries on the monitor's thread. A refusal
     * is the {@link EvictionBudget}'s business: it backs off per pod, and other pods go on.
     * Close it with the monitor.
     */
    static KubernetesClient withoutRetries(KubernetesClient client) {
        return new KubernetesClientBuilder().withConfig(new ConfigBuilder(client.getConfiguration())
                .withRequestRetryBackoffLimit(0).build()).build();
    }

    /** Evicts the pod of a proposed decision if the budgets allow it now. */
    Outcome evict(Decision proposal, Instant now) {
        EvictionBudget.Verdict verdict = budget.check(proposal.pod(), proposal.node(), now);
        if (verdict != EvictionBudget.Verdict.ALLOWED) {
            return switch (verdict) {
                case CLUSTER_BUDGET -> Outcome.CLUSTER_BUDGET;
                case NODE_BUDGET -> Outcome.NODE_BUDGET;
                default -> Outcome.BACKING_OFF;
            };
        }
        if (dryRun) {
            if (wouldEvict.add(proposal.uid())) {
                LOG.info("dry-run: would evict {} from {}: {}", proposal.pod(), proposal.node(), proposal.message());
                metrics.evicted(proposal.reason(), true);
            }
            return Outcome.WOULD_EVICT;
        }
        Outcome outcome = call(proposal);
        record(proposal, outcome, now);
        return outcome;
    }

    /** Forgets dry-run pods that no longer exist. */
    void retain(Set<String> uids) {
        wouldEvict.retainAll(uids);
    }

    private Outcome call(Decision proposal) {
        Eviction eviction = new EvictionBuilder().withNewMetadata().withNamespace(proposal.pod().namespace())
                .withName(proposal.pod().name()).endMetadata()
                .withDeleteOptions(new DeleteOptionsBuilder().withNewPreconditions().withUid(proposal.uid())
                        .endPreconditions().build()).build();
        try {
            boolean evicted = client.pods().inNamespace(proposal.pod().namespace()).withName(proposal.pod().name())
                    .evict(eviction);
            return evicted ? Outcome.EVICTED : Outcome.REFUSED;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 || e.getCode() == 409) {
                return Outcome.GONE; // deleted meanwhile, or replaced by a pod with another UID
            }
            LOG.warn("cannot evict {}: {}", proposal.pod(), e.getMessage());
            return Outcome.FAILED;
        }
    }

    private void record(Decision proposal, Outcome outcome, Instant now) {
        switch (outcome) {
            case EVICTED -> {
                budget.spent(proposal.pod(), proposal.node(), now);
                metrics.evicted(proposal.reason(), false);
                LOG.info("evicted {} from {}: {}", proposal.pod(), proposal.node(), proposal.message());
                String where = "healthy replicas on " + new TreeSet<>(proposal.replicaNodes());
                events.onPod(proposal.pod(), proposal.uid(), "Warning", EventRecorder.EVICTED,
                        "Evicted by the Locus health monitor: " + proposal.message());
                events.onNode(proposal.node(), "Warning", EventRecorder.STORAGE_FAILED, "Evicted pod "
                        + proposal.pod() + " (" + String.join(", ", proposal.failures()) + "); " + where);
            }
            case REFUSED -> {
                budget.refused(proposal.pod(), now);
                metrics.refused();
                LOG.info("eviction of {} refused (429, a PodDisruptionBudget); retrying after {}", proposal.pod(),
                        budget.backingOffUntil(proposal.pod()));
                events.onPod(proposal.pod(), proposal.uid(), "Warning", EventRecorder.EVICTION_REFUSED,
                        "Eviction refused by a PodDisruptionBudget; the Locus health monitor retries after "
                                + budget.backingOffUntil(proposal.pod()));
            }
            case FAILED -> metrics.failed();
            default -> { }
        }
    }
}
