package dev.locus.placement;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locus.cluster.ClaimInfo;
import dev.locus.cluster.ObjectKey;
import dev.locus.cluster.StorageClassInfo;
import dev.locus.config.LocalityPolicy;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Precedence: Pod > PVC > StorageClass > default; a value naming no policy falls through. */
class PolicyResolverTest {

    @ParameterizedTest(name = "pod {0}, claim {1}, class {2}, default {3}: {4}")
    @CsvSource({
            "strict, spread,  none,   preferred, STRICT",
            "'',     spread,  none,   preferred, SPREAD",
            "'',     '',      none,   preferred, NONE",
            "'',     '',      '',     preferred, PREFERRED",
            "'',     '',      '',     spread,    SPREAD",
            "bogus,  STRICT,  '',     preferred, STRICT",
            "'',     bogus,   spread, preferred, SPREAD",
            "' None ', strict, '',    preferred, NONE",
    })
    void precedence(String pod, String claim, String storageClass, String defaultPolicy, LocalityPolicy expected) {
        PolicyResolver resolver = new PolicyResolver(LocalityPolicy.parse(defaultPolicy).orElseThrow());

        LocalityPolicy policy = resolver.resolve(annotations(pod),
                new ClaimInfo(new ObjectKey("ns", "c"), null, "sc", 0, annotations(claim)),
                new StorageClassInfo("sc", "p", "Immediate", annotations(storageClass)));

        assertEquals(expected, policy);
    }

    @ParameterizedTest(name = "claim and class missing, default {0}")
    @CsvSource({"preferred, PREFERRED", "strict, STRICT"})
    void missingClaimAndClassFallToDefault(String defaultPolicy, LocalityPolicy expected) {
        PolicyResolver resolver = new PolicyResolver(LocalityPolicy.parse(defaultPolicy).orElseThrow());

        assertEquals(expected, resolver.resolve(Map.of(), null, null));
    }

    private static Map<String, String> annotations(String value) {
        return value.isEmpty() ? Map.of() : Map.of(PolicyResolver.ANNOTATION, value);
    }
}
