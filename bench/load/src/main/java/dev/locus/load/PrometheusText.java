package dev.locus.load;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The few reads the load tool makes of a Prometheus text exposition: the sum of a metric's
 * samples whose labels include given ones. Comment lines are skipped; label values may hold
 * escaped quotes and commas.
 */
public final class PrometheusText {

    private PrometheusText() {
    }

    /**
     * Sum of the samples of {@code metric} carrying every label in {@code labels}; empty when
     * there is no such sample.
     */
    public static OptionalDouble sum(String text, String metric, Map<String, String> labels) {
        double total = 0;
        boolean found = false;
        for (String line : text.split("\n")) {
            if (line.isEmpty() || line.startsWith("#") || !line.startsWith(metric)) {
                continue;
            }
            int end = metric.length();
            if (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                continue;
            }
            Map<String, String> sampleLabels = new HashMap<>();
            int valueStart = end;
            if (line.charAt(end) == '{') {
                valueStart = parseLabels(line, end + 1, sampleLabels);
            }
            if (!sampleLabels.entrySet().containsAll(labels.entrySet())) {
                continue;
            }
            String[] rest = line.substring(valueStart).trim().split("\\s+");
            total += Double.parseDouble(rest[0]);
            found = true;
        }
        return found ? OptionalDouble.of(total) : OptionalDouble.empty();
    }

    /** Parses {@code k="v",...}} from {@code at}; returns the index after the closing brace. */
    private static int parseLabels(String line, int at, Map<String, String> into) {
        int i = at;
        while (i < line.length() && line.charAt(i) != '}') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq).trim();
            StringBuilder value = new StringBuilder();
            int j = eq + 2;
            while (line.charAt(j) != '"') {
                char c = line.charAt(j);
                if (c == '\\') {
                    char next = line.charAt(++j);
                    value.append(next == 'n' ? '\n' : next);
                } else {
                    value.append(c);
                }
                j++;
            }
            into.put(key, value.toString());
            i = j + 1;
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
        return i + 1;
    }
}
