package dev.locus.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The load tool's command line. From the repository root, after
 * {@code mvn -B -q install -DskipTests && mvn -B -q -f bench/load/pom.xml package -DskipTests}:
 * <pre>
 * java -jar bench/load/target/locus-load.jar sweep                 # the documented sweep
 * java -jar bench/load/target/locus-load.jar soak                  # 10 minutes at 50 pods/s, 1000 nodes
 * java -jar bench/load/target/locus-load.jar floor                 # Locus against the HTTP floor
 * java -jar bench/load/target/locus-load.jar generate --nodes 1000 # manifests + sample requests
 * java -jar bench/load/target/locus-load.jar report --from target/capacity/capacity.json
 * </pre>
 * Exit codes: 0 done, 2 bad usage, 1 failure, 3 a soak whose verdict is not flat.
 */
public final class LoadTool {

    static final String USAGE = """
            usage: java -jar bench/load/target/locus-load.jar COMMAND [flags]
              sweep      generate clusters, run Locus on each, drive /filter + /prioritize, write
                         capacity.json, capacity.md and SVG charts into --out
                --nodes 100,1000,5000       node counts (one cluster and one Locus each)
                --modes names,nodes         NodeNames (nodeCacheCapable: true) and/or Nodes mode
                --nodes-mode-max-nodes 1000 largest node count run in Nodes mode
                --concurrency 1,2,4,8       concurrent scheduler-like clients per point
                --jit-warmup 20s --jit-warmup-requests 10000
                                            once per cluster and mode, before its first point:
                                            whichever is reached first ends it
                --warmup 3s --duration 10s  per point (duration at most 300s)
                --max-requests 200000 --max-bytes 8g   hard caps per point, warm-up included
                --http-timeout 5s           a slower reply is an error (kube-scheduler's default)
                --max-total 30m             the whole sweep; later points are skipped
                --out target/capacity       output folder
                --locus-jar target/locus.jar --locus-jvm "-Xmx2g"   how to start Locus
                --url http://127.0.0.1:8888 drive a running Locus instead (loopback only; it must
                                            serve manifests from `generate` with the same flags)
                --target-pods 10,50,100,200 --target-utilisation 0.5 --cores-per-replica 1
                --min-replicas 2            the sizing table
              soak       one cluster, one Locus, one scheduler-like client at a fixed rate for a fixed
                         time; per window: latency, errors, heap after GC, GC, CPU, RSS; a verdict
                         (errors, rate, heap and latency flat); writes soak.json and soak.md into --out
                --nodes 1000 --mode names   the cluster's size and the node mode (names or nodes)
                --rate 50                   pod cycles (filter + prioritize) started per second
                --duration 10m --window 1m  whole run (a whole number of windows, at least 3, at
                                            most 12h) and window; window 0 is warm-up
                --http-timeout 5s --out target/soak --url URL --locus-jar target/locus.jar
                --locus-jvm "-Xmx768m -XX:+UseZGC -XX:+ExitOnOutOfMemoryError"  (the deployment's heap and collector)
              floor      Locus against the HTTP floor (bench/'s FloorServer: reads the body, answers a
                         fixed reply): one client runs each cycle on Locus, then sends the same bodies to
                         the floor; writes floor.json, floor.md and charts into --out
                --nodes 1000,5000 --modes names,nodes --nodes-mode-max-nodes 1000
                --warmup 20s --duration 30s --http-timeout 5s --out target/floor
                --locus-jar target/locus.jar --floor-jar bench/target/benchmarks.jar
                --floor-reply fixed         fixed: the floor's short reply; sized: padded to as
                                            many bytes as Locus answered to the same body
                --locus-jvm ""              JVM flags of both servers
              generate   write one cluster's manifests (--out/manifests) and sample filter
                         requests (--out/requests)
                --nodes 1000 --out target/cluster
              report     re-render capacity.md and the charts from a capacity.json
                --from target/capacity/capacity.json [--out DIR, default: beside it]
              cluster flags (sweep, soak, generate): --zones 3 --nodes-per-rack 20 --volumes-per-node 2
                --replicas 3 --claims-per-pod 2 --pods 200 --local-fraction 0.1 --seed 42
            """;

    private LoadTool() {
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            LoadOptions options = LoadOptions.parse(args);
            switch (options.command()) {
                case "soak" -> {
                    return soak(options, out) ? 0 : 3;
                }
                case "sweep" -> sweep(options, out);
                case "floor" -> floor(options, out);
                case "generate" -> generate(options, out);
                case "report" -> report(options, out);
                default -> out.print(USAGE);
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("locus-load: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("locus-load: " + e);
            return 1;
        }
    }

    private static void sweep(LoadOptions o, PrintStream out) throws IOException {
        List<Integer> nodes = o.integers("--nodes").stream().sorted().toList();
        nodes.forEach(n -> spec(o, n));
        RunSettings settings = new RunSettings(1, o.duration("--warmup"), o.duration("--duration"),
                o.longValue("--max-requests"), o.bytes("--max-bytes"), o.duration("--http-timeout"));
        o.integers("--concurrency").forEach(settings::withConcurrency);
        List<NodeMode> modes = Arrays.stream(o.text("--modes").split(",")).map(NodeMode::parse).distinct().toList();
        SizingTable.Assumptions assumptions = new SizingTable.Assumptions(o.decimal("--target-utilisation"),
                o.decimal("--cores-per-replica"), o.integer("--min-replicas"));
        Sweep.Target target;
        if (!o.text("--url").isEmpty()) {
            if (nodes.size() != 1) {
                throw new IllegalArgumentException("--url drives one running Locus, so give exactly one --nodes value");
            }
            target = Sweep.Target.url(URI.create(o.text("--url")));
        } else {
            target = child(o);
        }
        Sweep.Plan plan = new Sweep.Plan(nodes, modes, o.integers("--concurrency"), o.integer("--nodes-mode-max-nodes"),
                settings, o.duration("--jit-warmup"), o.longValue("--jit-warmup-requests"), o.duration("--max-total"),
                n -> spec(o, n), o.decimals("--target-pods"), assumptions);
        Path dir = o.path("--out");
        SweepReport report = Sweep.run(plan, target, dir, out);
        for (Path file : Sweep.write(report, dir)) {
            out.println("wrote " + file);
        }
    }

    /** Runs a soak; true when its verdict is flat. */
    private static boolean soak(LoadOptions o, PrintStream out) throws IOException {
        SoakSettings settings = new SoakSettings(o.decimal("--rate"), o.duration("--duration"), o.duration("--window"),
                o.duration("--http-timeout"));
        ClusterSpec spec = spec(o, o.integer("--nodes"));
        NodeMode mode;
        try {
            mode = NodeMode.parse(o.text("--mode"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--mode must be names or nodes, got '" + o.text("--mode") + "'");
        }
        Sweep.Target target = o.text("--url").isEmpty() ? child(o) : Sweep.Target.url(URI.create(o.text("--url")));
        Path dir = o.path("--out");
        SoakReport report = Soak.run(settings, spec, mode, target, dir, out);
        out.println();
        out.print(report.table());
        out.println();
        out.print(report.verdictTable());
        for (Path file : report.write(dir)) {
            out.println("wrote " + file);
        }
        return report.verdict().pass();
    }

    private static boolean floorReply(String value) {
        return switch (value) {
            case "fixed" -> false;
            case "sized" -> true;
            default -> throw new IllegalArgumentException("--floor-reply must be fixed or sized, got '" + value + "'");
        };
    }

    private static void floor(LoadOptions o, PrintStream out) throws IOException {
        List<Integer> nodes = o.integers("--nodes").stream().sorted().toList();
        nodes.forEach(n -> spec(o, n));
        List<NodeMode> modes = Arrays.stream(o.text("--modes").split(",")).map(NodeMode::parse).distinct().toList();
        List<String> jvm = o.text("--locus-jvm").isBlank() ? List.of()
                : Arrays.asList(o.text("--locus-jvm").trim().split("\\s+"));
        FloorCompare.Plan plan = new FloorCompare.Plan(nodes, modes, o.integer("--nodes-mode-max-nodes"),
                o.duration("--warmup"), o.duration("--duration"), o.duration("--http-timeout"), n -> spec(o, n),
                floorReply(o.text("--floor-reply")));
        FloorCompare.Report report = FloorCompare.run(plan, LocusProcess.jarLauncher(o.path("--locus-jar"), jvm),
                FloorCompare.floorLauncher(o.path("--floor-jar"), jvm), o.path("--out"), out);
        for (Path file : FloorCompare.write(report, o.path("--out"))) {
            out.println("wrote " + file);
        }
    }

    private static Sweep.Target child(LoadOptions o) {
        List<String> jvm = o.text("--locus-jvm").isBlank() ? List.of()
                : Arrays.asList(o.text("--locus-jvm").trim().split("\\s+"));
        return Sweep.Target.child(LocusProcess.jarLauncher(o.path("--locus-jar"), jvm));
    }

    private static void generate(LoadOptions o, PrintStream out) throws IOException {
        SyntheticCluster cluster = SyntheticCluster.generate(spec(o, o.integer("--nodes")));
        Path manifests = o.path("--out").resolve("manifests");
        ManifestWriter.write(cluster, manifests);
        // Beside the manifests, not inside: the manifest loader reads every .json under its folder.
        Path samples = o.path("--out").resolve("requests");
        Files.createDirectories(samples);
        for (NodeMode mode : NodeMode.values()) {
            Files.write(samples.resolve("filter-" + mode.flag() + ".json"),
                    ExtenderRequests.build(cluster, mode).filter(0).bytes());
        }
        out.println("wrote manifests into " + manifests + " (serve them with: java -jar target/locus.jar serve "
                + "--manifests " + manifests + " --host 127.0.0.1) and sample filter requests into " + samples);
    }

    private static void report(LoadOptions o, PrintStream out) throws IOException {
        Path from = o.path("--from");
        Path dir = o.text("--out").isEmpty() ? from.toAbsolutePath().getParent() : o.path("--out");
        for (Path file : SweepReport.read(from).render(dir)) {
            out.println("wrote " + file);
        }
    }

    private static ClusterSpec spec(LoadOptions o, int nodes) {
        return ClusterSpec.forNodes(nodes, o.integer("--zones"), o.integer("--nodes-per-rack"),
                o.integer("--volumes-per-node"), o.integer("--replicas"), o.integer("--claims-per-pod"),
                o.integer("--pods"), o.decimal("--local-fraction"), o.longValue("--seed"));
    }
}
