package dev.locus.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The command line: a command and {@code --flag value} pairs, with typed reads that fall back
 * to the documented defaults. An unknown flag, a flag without a value, or a value of the wrong
 * type is an {@link IllegalArgumentException} naming the flag.
 */
public final class LoadOptions {

    /** Flags of the cluster generator, shared by {@code sweep} and {@code generate}, with defaults. */
    static final Map<String, String> CLUSTER_FLAGS = ordered(
            "--zones", "3", "--nodes-per-rack", "20", "--volumes-per-node", "2", "--replicas", "3",
            "--claims-per-pod", "2", "--pods", "200", "--local-fraction", "0.1", "--seed", "42");

    /** Flags of {@code sweep} beyond the cluster's, with defaults. */
    static final Map<String, String> SWEEP_FLAGS = ordered(
            "--nodes", "100,1000,5000", "--modes", "names,nodes", "--nodes-mode-max-nodes", "1000",
            "--concurrency", "1,2,4,8", "--jit-warmup", "20s", "--jit-warmup-requests", "10000", "--warmup", "3s",
            "--duration", "10s", "--max-requests", "200000",
            "--max-bytes", "8g", "--http-timeout", "5s", "--max-total", "30m", "--out", "target/capacity",
            "--url", "", "--locus-jar", "target/locus.jar", "--locus-jvm", "",
            "--target-pods", "10,50,100,200", "--target-utilisation", "0.5", "--cores-per-replica", "1",
            "--min-replicas", "2");

    /**
     * Flags of {@code soak} beyond the cluster's, with defaults. Locus gets the deployment's heap
     * (75 % of its 1 GiB limit, ZGC, exit on OutOfMemoryError) so the soak sees the heap it runs with.
     */
    static final Map<String, String> SOAK_FLAGS = ordered(
            "--nodes", "1000", "--mode", "names", "--rate", "50", "--duration", "10m", "--window", "1m",
            "--http-timeout", "5s", "--out", "target/soak", "--url", "", "--locus-jar", "target/locus.jar",
            "--locus-jvm", "-Xmx768m -XX:+UseZGC -XX:+ExitOnOutOfMemoryError");

    /** Flags of {@code floor} (Locus against the HTTP floor) beyond the cluster's, with defaults. */
    static final Map<String, String> FLOOR_FLAGS = ordered(
            "--nodes", "1000,5000", "--modes", "names,nodes", "--nodes-mode-max-nodes", "1000", "--warmup", "20s",
            "--duration", "30s", "--http-timeout", "5s", "--out", "target/floor", "--locus-jar", "target/locus.jar",
            "--floor-jar", "bench/target/benchmarks.jar", "--locus-jvm", "", "--floor-reply", "fixed");

    private final String command;
    private final Map<String, String> values;
    private final Map<String, String> defaults;

    private LoadOptions(String command, Map<String, String> values, Map<String, String> defaults) {
        this.command = command;
        this.values = values;
        this.defaults = defaults;
    }

    /** Parses {@code args}: the command first, then flags known to that command. */
    public static LoadOptions parse(String[] args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("missing command (sweep, soak, floor, generate or report)");
        }
        String command = args[0];
        Map<String, String> defaults = new LinkedHashMap<>();
        switch (command) {
            case "sweep" -> {
                defaults.putAll(SWEEP_FLAGS);
                defaults.putAll(CLUSTER_FLAGS);
            }
            case "soak" -> {
                defaults.putAll(SOAK_FLAGS);
                defaults.putAll(CLUSTER_FLAGS);
            }
            case "floor" -> {
                defaults.putAll(FLOOR_FLAGS);
                defaults.putAll(CLUSTER_FLAGS);
            }
            case "generate" -> {
                defaults.putAll(CLUSTER_FLAGS);
                defaults.put("--nodes", "1000");
                defaults.put("--out", "target/cluster");
            }
            case "report" -> {
                defaults.put("--from", "target/capacity/" + SweepReport.JSON_FILE);
                defaults.put("--out", "");
            }
            case "help", "--help", "-h" -> {
                return new LoadOptions("help", Map.of(), Map.of());
            }
            default -> throw new IllegalArgumentException("unknown command '" + command + "' (expected sweep, "
                    + "soak, floor, generate or report)");
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String flag = args[i];
            if (!defaults.containsKey(flag)) {
                throw new IllegalArgumentException("unknown flag '" + flag + "' for " + command);
            }
            if (i + 1 >= args.length || (args[i + 1].startsWith("--") && !flag.equals("--locus-jvm"))) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            values.put(flag, args[++i]);
        }
        return new LoadOptions(command, values, defaults);
    }

    /** The command: sweep, soak, generate, report or help. */
    public String command() {
        return command;
    }

    /** True when the flag was given on the command line. */
    public boolean given(String flag) {
        return values.containsKey(flag);
    }

    /** The flag's text, or its default. */
    public String text(String flag) {
        if (!defaults.containsKey(flag)) {
            throw new IllegalStateException("no flag " + flag + " for " + command);
        }
        return values.getOrDefault(flag, defaults.get(flag));
    }

    /** An integer flag. */
    public int integer(String flag) {
        return (int) number(flag, text(flag));
    }

    /** A long flag; accepts k, m, g (×1024) suffixes, for byte counts. */
    public long bytes(String flag) {
        String t = text(flag).trim().toLowerCase(Locale.ROOT);
        long unit = t.endsWith("k") ? 1L << 10 : t.endsWith("m") ? 1L << 20 : t.endsWith("g") ? 1L << 30 : 1;
        return number(flag, unit == 1 ? t : t.substring(0, t.length() - 1)) * unit;
    }

    /** A long flag. */
    public long longValue(String flag) {
        return number(flag, text(flag));
    }

    /** A decimal flag. */
    public double decimal(String flag) {
        try {
            return Double.parseDouble(text(flag));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a number, got '" + text(flag) + "'");
        }
    }

    /** A comma-separated list of integers. */
    public List<Integer> integers(String flag) {
        return Arrays.stream(text(flag).split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .map(s -> (int) number(flag, s)).distinct().toList();
    }

    /** A comma-separated list of decimals. */
    public List<Double> decimals(String flag) {
        return Arrays.stream(text(flag).split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(s -> {
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " must be numbers separated by commas, got '" + s + "'");
            }
        }).toList();
    }

    /** A duration: 500ms, 10s, 2m, 1h. */
    public Duration duration(String flag) {
        String t = text(flag).trim().toLowerCase(Locale.ROOT);
        if (t.endsWith("ms")) {
            return Duration.ofMillis(number(flag, t.substring(0, t.length() - 2)));
        }
        if (t.endsWith("s")) {
            return Duration.ofMillis(Math.round(decimalOf(flag, t.substring(0, t.length() - 1)) * 1000));
        }
        if (t.endsWith("m")) {
            return Duration.ofMillis(Math.round(decimalOf(flag, t.substring(0, t.length() - 1)) * 60_000));
        }
        if (t.endsWith("h")) {
            return Duration.ofMillis(Math.round(decimalOf(flag, t.substring(0, t.length() - 1)) * 3_600_000));
        }
        throw new IllegalArgumentException(flag + " must be a duration like 500ms, 10s, 2m or 1h, got '" + text(flag) + "'");
    }

    /** A path flag. */
    public Path path(String flag) {
        return Path.of(text(flag));
    }

    /** The flags this command accepts. */
    public Set<String> flags() {
        return defaults.keySet();
    }

    private static long number(String flag, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be an integer, got '" + text + "'");
        }
    }

    private static double decimalOf(String flag, String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " must be a duration like 500ms, 10s, 2m or 1h, got '" + text + "'");
        }
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
