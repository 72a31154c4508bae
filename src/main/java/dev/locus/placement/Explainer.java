package dev.locus.placement;

import dev.locus.api.Explanation;
import dev.locus.topology.ProximityTier;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the answer to "why did my pod land there": unlike the filter path, every filter
 * runs on every node, so all verdicts show; the final score is handed in from the one
 * scoring path, never recomputed here.
 */
final class Explainer {

    private final List<FilterPlugin> filters;
    private final ProximityScore scoring;

    Explainer(List<FilterPlugin> filters, ProximityScore scoring) {
        this.filters = filters;
        this.scoring = scoring;
    }

    Explanation explain(CycleState state, Candidates candidates, int[] scores) {
        List<Explanation.Node> nodes = new ArrayList<>(candidates.size());
        for (int i = 0; i < candidates.size(); i++) {
            nodes.add(node(state, candidates, i, scores[i]));
        }
        return new Explanation(state.pod().namespace() + "/" + state.pod().name(), nodes,
                state.noClaims() ? List.of() : NotOffered.warnings(state, candidates));
    }

    private Explanation.Node node(CycleState state, Candidates candidates, int i, int score) {
        NodeView view = candidates.view(i);
        List<Explanation.Verdict> verdicts = new ArrayList<>();
        boolean passed = true;
        if (!state.noClaims()) {
            for (FilterPlugin filter : filters) {
                Status status = filter.filter(state, view);
                verdicts.add(new Explanation.Verdict(filter.name(), code(status.code()), status.reason()));
                passed &= status.isSuccess();
            }
        }
        List<Explanation.Volume> volumes = new ArrayList<>();
        for (PodVolume v : state.volumes()) {
            ProximityTier tier = candidates.tierOrNull(v, i);
            Integer volumeScore = v.scored() ? scoring.volumeScore(v.policy(), tier) : null;
            volumes.add(new Explanation.Volume(v.claimName(), v.volume() == null ? null : v.volume().name(),
                    v.policy().name().toLowerCase(Locale.ROOT), tier == null ? null : tier.label(), volumeScore,
                    v.weight()));
        }
        StorageState storage = candidates.state(i);
        int penalty = state.noClaims() ? 0 : scoring.penalty(storage);
        return new Explanation.Node(view.name(), passed, verdicts, volumes,
                storage.name().toLowerCase(Locale.ROOT), penalty, score);
    }

    private static String code(Status.Code code) {
        return switch (code) {
            case SUCCESS -> "Success";
            case UNSCHEDULABLE -> "Unschedulable";
            case UNSCHEDULABLE_AND_UNRESOLVABLE -> "UnschedulableAndUnresolvable";
        };
    }
}
