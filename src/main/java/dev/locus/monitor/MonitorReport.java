package dev.locus.monitor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The result of one pass: the failures with their grace state and every decision with its
 * reason. {@code GET /monitor} shows the latest, in the style of {@code /explain}.
 *
 * @param at         when the pass ran
 * @param generation the snapshot generation it read
 * @param failures   every failure observed, confirmed or in grace
 * @param decisions  every pod that is affected, proposed, skipped or drifted
 */
public record MonitorReport(Instant at, long generation, List<GraceTracker.Tracked> failures, List<Decision> decisions) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public MonitorReport {
        failures = List.copyOf(failures);
        decisions = List.copyOf(decisions);
    }

    /** The decisions of one verdict. */
    public List<Decision> decisions(Decision.Verdict verdict) {
        return decisions.stream().filter(d -> d.verdict() == verdict).toList();
    }

    /** This report as the body of {@code GET /monitor}, after the {@code header} fields. */
    String json(Map<String, Object> header) {
        Map<String, Object> body = new LinkedHashMap<>(header);
        body.put("lastPass", at.toString());
        body.put("snapshotGeneration", generation);
        body.put("failures", failures.stream().sorted(java.util.Comparator.comparing(t -> t.failure().toString()))
                .map(t -> failure(t)).toList());
        body.put("decisions", decisions.stream().map(MonitorReport::decision).toList());
        return write(body);
    }

    private Map<String, Object> failure(GraceTracker.Tracked t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("node", t.failure().node());
        out.put("failure", t.failure().describe());
        out.put("since", t.since().toString());
        out.put("graceSeconds", t.grace().toSeconds());
        out.put("confirmed", t.confirmed());
        out.put("actingInSeconds", t.remaining(at).toSeconds());
        return out;
    }

    private static Map<String, Object> decision(Decision d) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("pod", d.pod().toString());
        out.put("node", d.node());
        out.put("verdict", d.verdict().name().toLowerCase(java.util.Locale.ROOT));
        out.put("reason", d.reason());
        out.put("outcome", d.outcome() == null ? null : d.outcome().label());
        out.put("message", d.message());
        out.put("failures", d.failures());
        out.put("healthyReplicaNodes", new TreeSet<>(d.replicaNodes()));
        return out;
    }

    static String write(Map<String, Object> body) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body) + "\n";
        } catch (JacksonException e) {
            throw new IllegalStateException("cannot encode the monitor report", e);
        }
    }
}
