package dev.locus.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.cluster.ObjectKey;
import dev.locus.config.LocusConfig;
import dev.locus.config.MonitorSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Grace periods and eviction budgets against a clock the test moves: no sleeping. */
class GraceAndBudgetTest {

    private static final Instant T0 = Instant.parse("2026-12-04T12:00:00Z");
    private static final NodeFailure DOWN = new NodeFailure("n1", FailureKind.STORAGE_DOWN, "");
    private static final NodeFailure NOT_READY = new NodeFailure("n1", FailureKind.NODE_NOT_READY, "NotReady");

    private static MonitorSettings settings() {
        return LocusConfig.builder().monitor(m -> m.grace(MonitorSettings.GRACE_STORAGE_DOWN, 60)
                .grace(MonitorSettings.GRACE_NODE_NOT_READY, 300).maxEvictionsPerMinute(3)
                .maxEvictionsPerNodePerMinute(2).refusalBackoffSeconds(30).maxRefusalBackoffSeconds(100)).build().monitor();
    }

    private static boolean confirmed(List<GraceTracker.Tracked> tracked, NodeFailure failure) {
        return tracked.stream().filter(t -> t.failure().equals(failure)).findFirst().orElseThrow().confirmed();
    }

    @Test
    void aFailureIsConfirmedOnceItHasLastedItsOwnGrace() {
        GraceTracker grace = new GraceTracker(settings());
        assertFalse(confirmed(grace.update(Set.of(DOWN, NOT_READY), T0), DOWN));
        List<GraceTracker.Tracked> at59 = grace.update(Set.of(DOWN, NOT_READY), T0.plusSeconds(59));
        assertFalse(confirmed(at59, DOWN));
        assertEquals(Duration.ofSeconds(1), at59.stream().filter(t -> t.failure().equals(DOWN)).findFirst()
                .orElseThrow().remaining(T0.plusSeconds(59)));
        List<GraceTracker.Tracked> at60 = grace.update(Set.of(DOWN, NOT_READY), T0.plusSeconds(60));
        assertTrue(confirmed(at60, DOWN));
        assertFalse(confirmed(at60, NOT_READY), "NotReady has a grace of its own (300 s)");
        assertTrue(confirmed(grace.update(Set.of(DOWN, NOT_READY), T0.plusSeconds(300)), NOT_READY));
    }

    @Test
    void aFailureThatClearsOnceStartsItsGraceAgain() {
        GraceTracker grace = new GraceTracker(settings());
        grace.update(Set.of(DOWN), T0);
        grace.update(Set.of(), T0.plusSeconds(50)); // recovered for one pass
        assertFalse(confirmed(grace.update(Set.of(DOWN), T0.plusSeconds(70)), DOWN));
        assertTrue(confirmed(grace.update(Set.of(DOWN), T0.plusSeconds(130)), DOWN));
    }

    @Test
    void longhornNodeDownHasItsOwnGraceDefaultingToTheLonghornOne() {
        NodeFailure longhornDown = new NodeFailure("n1", FailureKind.LONGHORN_NODE_DOWN, "ManagerPodDown");
        MonitorSettings defaults = MonitorSettings.DEFAULTS;
        assertEquals(defaults.graceLonghorn(), FailureKind.LONGHORN_NODE_DOWN.grace(defaults));
        GraceTracker grace = new GraceTracker(defaults);
        grace.update(Set.of(longhornDown), T0);
        assertFalse(confirmed(grace.update(Set.of(longhornDown), T0.plusSeconds(119)), longhornDown));
        assertTrue(confirmed(grace.update(Set.of(longhornDown), T0.plusSeconds(120)), longhornDown));

        MonitorSettings shorter = LocusConfig.builder()
                .monitor(m -> m.grace(MonitorSettings.GRACE_LONGHORN_NODE_DOWN, 30)).build().monitor();
        GraceTracker tuned = new GraceTracker(shorter);
        tuned.update(Set.of(longhornDown), T0);
        assertFalse(confirmed(tuned.update(Set.of(longhornDown), T0.plusSeconds(29)), longhornDown));
        assertTrue(confirmed(tuned.update(Set.of(longhornDown), T0.plusSeconds(30)), longhornDown));
        assertEquals(Duration.ofSeconds(120), shorter.graceLonghorn(), "the replica grace is a setting of its own");
    }

    private static final ObjectKey A = new ObjectKey("apps", "a");
    private static final ObjectKey B = new ObjectKey("apps", "b");
    private static final ObjectKey C = new ObjectKey("apps", "c");
    private static final ObjectKey D = new ObjectKey("apps", "d");

    @Test
    void perNodeBudgetHoldsWithinARollingMinute() {
        EvictionBudget budget = new EvictionBudget(settings());
        budget.spent(A, "n1", T0);
        budget.spent(B, "n1", T0.plusSeconds(10));
        assertEquals(EvictionBudget.Verdict.NODE_BUDGET, budget.check(C, "n1", T0.plusSeconds(20)));
        assertEquals(EvictionBudget.Verdict.ALLOWED, budget.check(C, "n2", T0.plusSeconds(20)));
        assertEquals(EvictionBudget.Verdict.NODE_BUDGET, budget.check(C, "n1", T0.plusSeconds(59)),
                "the first eviction is still within the rolling minute");
        assertEquals(EvictionBudget.Verdict.ALLOWED, budget.check(C, "n1", T0.plusSeconds(60)));
    }

    @Test
    void clusterBudgetHoldsAcrossNodes() {
        EvictionBudget budget = new EvictionBudget(settings());
        budget.spent(A, "n1", T0);
        budget.spent(B, "n2", T0);
        budget.spent(C, "n3", T0);
        assertEquals(EvictionBudget.Verdict.CLUSTER_BUDGET, budget.check(D, "n4", T0.plusSeconds(59)));
        assertEquals(EvictionBudget.Verdict.ALLOWED, budget.check(D, "n4", T0.plusSeconds(61)));
    }

    @Test
    void aRefusedPodBacksOffLongerEachTimeUpToTheMaximum() {
        EvictionBudget budget = new EvictionBudget(settings());
        budget.refused(A, T0);
        assertEquals(EvictionBudget.Verdict.BACKING_OFF, budget.check(A, "n1", T0.plusSeconds(29)));
        assertEquals(EvictionBudget.Verdict.ALLOWED, budget.check(B, "n1", T0.plusSeconds(29)), "only that pod waits");
        assertEquals(EvictionBudget.Verdict.ALLOWED, budget.check(A, "n1", T0.plusSeconds(30)));
        budget.refused(A, T0.plusSeconds(30));
        assertEquals(T0.plusSeconds(90), budget.backingOffUntil(A), "second refusal: 60 s");
        budget.refused(A, T0.plusSeconds(90));
        assertEquals(T0.plusSeconds(190), budget.backingOffUntil(A), "third: 120 s capped to 100 s");
        budget.retain(Set.of(B));
        assertEquals(null, budget.backingOffUntil(A), "a pod that is gone is forgotten");
    }
}
