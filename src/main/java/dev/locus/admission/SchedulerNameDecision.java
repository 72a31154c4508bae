package dev.locus.admission;

import dev.locus.cluster.ClaimInfo;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ObjectKey;
import dev.locus.cluster.StorageClassInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * The decision, a pure function of the pod, a cluster snapshot and the settings: does this
 * pod go to Locus's scheduler?
 *
 * <p>Rules, in order: a pod naming any scheduler other than {@code default-scheduler} keeps
 * it (an empty or absent name counts as the default, which the API server fills in anyway);
 * a pod with at least one volume in a managed class is Locus's; a pod whose only candidates
 * are claims or classes the cache does not hold yet waits for them (the StatefulSet
 * controller creates {@code <template>-<sts>-<ordinal>} a few ms before the pod); any other
 * pod is left alone. A generic ephemeral volume's claim ({@code <pod>-<volume>}) never exists
 * at admission, so its template's class decides, or the default class when it names none.
 * Namespaces that opted out never get here: the webhook's namespaceSelector keeps their pods
 * away from the webhook altogether.
 */
public final class SchedulerNameDecision {

    /** The name the API server defaults {@code spec.schedulerName} to. */
    public static final String DEFAULT_SCHEDULER = "default-scheduler";

    private final String schedulerName;
    private final ManagedClasses classes;

    /** @param schedulerName the scheduler pods are sent to; never {@value #DEFAULT_SCHEDULER} */
    public SchedulerNameDecision(String schedulerName, ManagedClasses classes) {
        this.schedulerName = schedulerName;
        this.classes = classes;
    }

    public String schedulerName() {
        return schedulerName;
    }

    /** Decides for {@code pod} against {@code snapshot}. */
    public Decision decide(PodFacts pod, ClusterSnapshot snapshot) {
        String current = pod.schedulerName();
        if (current != null && !current.isEmpty() && !current.equals(DEFAULT_SCHEDULER)) {
            return current.equals(schedulerName) ? Decision.skip(Reason.ALREADY_SET, current)
                    : Decision.skip(Reason.OTHER_SCHEDULER, current);
        }
        List<String> missing = new ArrayList<>();
        for (PodFacts.Volume volume : pod.volumes()) {
            String managed = managed(pod.namespace(), volume, snapshot, missing);
            if (managed != null) {
                return Decision.mutate(managed);
            }
        }
        if (!missing.isEmpty()) {
            return Decision.await("not in the cache: " + String.join(", ", missing));
        }
        return Decision.skip(Reason.NO_MANAGED_VOLUME, pod.volumes().size() + " claim or ephemeral volume(s)");
    }

    /** A description of {@code volume} when it is in a managed class, else null (adding what is missing). */
    private String managed(String namespace, PodFacts.Volume volume, ClusterSnapshot snapshot, List<String> missing) {
        String what;
        String className;
        if (volume instanceof PodFacts.Claim claim) {
            what = "claim " + claim.claimName();
            ClaimInfo info = snapshot.claim(new ObjectKey(namespace, claim.claimName()));
            if (info == null) {
                missing.add(what);
                return null;
            }
            className = info.storageClass();
        } else {
            PodFacts.Ephemeral ephemeral = (PodFacts.Ephemeral) volume;
            what = "ephemeral volume " + ephemeral.volumeName();
            className = ephemeral.storageClass() != null ? ephemeral.storageClass()
                    : ManagedClasses.defaultClass(snapshot);
        }
        if (className == null || className.isEmpty()) {
            return null; // no class: bound to a pre-made volume, not provisioned by a managed system
        }
        StorageClassInfo storageClass = snapshot.storageClass(className);
        if (storageClass == null) {
            missing.add("class " + className);
            return null;
        }
        return classes.manages(storageClass) ? what + " in class " + className : null;
    }
}
