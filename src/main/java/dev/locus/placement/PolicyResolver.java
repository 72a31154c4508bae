package dev.locus.placement;

import dev.locus.cluster.ClaimInfo;
import dev.locus.cluster.StorageClassInfo;
import dev.locus.config.LocalityPolicy;
import java.util.Map;
import java.util.Optional;

/**
 * The locality policy of one volume: the {@code locus.dev/locality} annotation of the Pod
 * (for all its volumes), else of the claim, else of its StorageClass, else the configured
 * default. A value that names no policy is skipped, so the next level decides.
 */
public final class PolicyResolver {

    /** The annotation key. */
    public static final String ANNOTATION = "locus.dev/locality";

    private final LocalityPolicy defaultPolicy;

    /** @param defaultPolicy the policy of volumes no annotation names one for ({@code placement.defaultPolicy}) */
    public PolicyResolver(LocalityPolicy defaultPolicy) {
        this.defaultPolicy = defaultPolicy;
    }

    /** The policy of one volume; {@code claim} and {@code storageClass} may be null (not in the snapshot). */
    public LocalityPolicy resolve(Map<String, String> podAnnotations, ClaimInfo claim, StorageClassInfo storageClass) {
        return of(podAnnotations)
                .or(() -> claim == null ? Optional.empty() : of(claim.annotations()))
                .or(() -> storageClass == null ? Optional.empty() : of(storageClass.annotations()))
                .orElse(defaultPolicy);
    }

    private static Optional<LocalityPolicy> of(Map<String, String> annotations) {
        return LocalityPolicy.parse(annotations.get(ANNOTATION));
    }
}
