package dev.locus.admission;

import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.StorageClassInfo;
import java.util.Set;

/**
 * Which StorageClasses are Locus's: those whose provisioner is listed in
 * {@code webhook.provisioners}, or that carry {@code locus.dev/managed: "true"}. The
 * annotation set to {@code "false"} takes a class out even when its provisioner is listed.
 */
public record ManagedClasses(Set<String> provisioners) {

    /** StorageClass annotation that selects ("true") or excludes ("false") a class. */
    public static final String ANNOTATION = "locus.dev/managed";

    static final String DEFAULT_CLASS = "storageclass.kubernetes.io/is-default-class";
    static final String DEFAULT_CLASS_BETA = "storageclass.beta.kubernetes.io/is-default-class";

    public ManagedClasses {
        provisioners = Set.copyOf(provisioners);
    }

    /** True when claims of {@code storageClass} make a pod Locus's. */
    public boolean manages(StorageClassInfo storageClass) {
        String annotation = storageClass.annotations().get(ANNOTATION);
        if (annotation != null) {
            return "true".equals(annotation);
        }
        return storageClass.provisioner() != null && provisioners.contains(storageClass.provisioner());
    }

    /**
     * The class a claim without {@code storageClassName} gets: the one default class, or
     * null when there is none or more than one (then the claim's class is not known here).
     */
    static String defaultClass(ClusterSnapshot snapshot) {
        String found = null;
        for (StorageClassInfo storageClass : snapshot.storageClasses()) {
            if ("true".equals(storageClass.annotations().get(DEFAULT_CLASS))
                    || "true".equals(storageClass.annotations().get(DEFAULT_CLASS_BETA))) {
                if (found != null) {
                    return null;
                }
                found = storageClass.name();
            }
        }
        return found;
    }
}
