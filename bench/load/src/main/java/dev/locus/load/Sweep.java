package dev.locus.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * A sweep: for each node count, generate the cluster and write its manifests, start Locus on
 * them (or use the given URL), run every (mode, concurrency) point, stop Locus; then the
 * sizing table and the report. Stops by itself: every point is bounded by {@link RunSettings},
 * and points that would start after {@code maxTotal} are skipped and noted.
 */
public final class Sweep {

    /**
     * What to sweep.
     *
     * @param nodes             node counts, ascending
     * @param modes             node modes
     * @param concurrency       concurrencies
     * @param nodesModeMaxNodes largest node count run in Nodes mode (a 5000-node Nodes body is ~30 MB)
     * @param settings          per-point bounds (its concurrency is replaced per point)
     * @param jitWarmup         unmeasured load before the first point of each (cluster, mode), so the
     *                          JIT has compiled Locus's hot paths for that body shape; 0 = none. It ends
     *                          after {@code jitWarmupRequests} requests or this long, whichever is first
     * @param jitWarmupRequests requests of that warm-up; C2 compiles a method after ~10,000 calls
     * @param maxTotal          wall-clock budget of the whole sweep; a point that could end past it is skipped
     * @param specFor           the cluster for a node count
     * @param targetPodsPerSecond rates of the sizing table
     * @param assumptions       the sizing model's assumptions
     */
    public record Plan(List<Integer> nodes, List<NodeMode> modes, List<Integer> concurrency, int nodesModeMaxNodes,
                       RunSettings settings, Duration jitWarmup, long jitWarmupRequests, Duration maxTotal, IntFunction<ClusterSpec> specFor,
                       List<Double> targetPodsPerSecond, SizingTable.Assumptions assumptions) {
    }

    /** Where the traffic goes: a Locus started per cluster, or one already running. */
    public interface Target {

        /** Makes a Locus serving {@code manifests} reachable; closing the result stops it if we started it. */
        Running start(Path manifests, Path log) throws IOException;

        /** What the report says about the Locus under test. */
        String describe();

        /** A child process per cluster: {@code launcher serve --manifests DIR --port N --host 127.0.0.1}. */
        static Target child(List<String> launcher) {
            return new Target() {
                @Override
                public Running start(Path manifests, Path log) throws IOException {
                    LocusProcess process = LocusProcess.start(launcher, manifests, log);
                    return new Running(process.url(), process.pid(), process::close);
                }

                @Override
                public String describe() {
                    // the JVM by name, not by its path on this machine (the report is committed)
                    List<String> shown = new ArrayList<>(launcher);
                    shown.set(0, Path.of(shown.get(0)).getFileName().toString());
                    return "child process per cluster: " + String.join(" ", shown) + " serve --manifests DIR";
                }
            };
        }

        /** A Locus already running at {@code url} (loopback only), which must serve the generated cluster. */
        static Target url(URI url) {
            Loopback.require(url);
            return new Target() {
                @Override
                public Running start(Path manifests, Path log) {
                    return new Running(url, -1, () -> { });
                }

                @Override
                public String describe() {
                    return "running Locus at " + url;
                }
            };
        }
    }

    /** A reachable Locus. */
    public record Running(URI url, long pid, Runnable stop) implements AutoCloseable {
        @Override
        public void close() {
            stop.run();
        }
    }

    private Sweep() {
    }

    /** Runs the plan, writing manifests and Locus logs under {@code out}; {@code log} gets one line per point. */
    public static SweepReport run(Plan plan, Target target, Path out, PrintStream log) throws IOException {
        long deadline = System.nanoTime() + plan.maxTotal().toNanos();
        String loadAtStart = MachineInfo.loadAverage();
        List<SweepReport.Cluster> clusters = new ArrayList<>();
        List<RunResult> runs = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (int nodes : plan.nodes()) {
            ClusterSpec spec = plan.specFor().apply(nodes);
            SyntheticCluster cluster = SyntheticCluster.generate(spec);
            Path manifests = out.resolve("clusters").resolve("nodes-" + nodes);
            long manifestBytes = ManifestWriter.write(cluster, manifests);
            long namesBytes = ExtenderRequests.build(cluster, NodeMode.NAMES).filter(0).length();
            long nodesBytes = 0;
            log.printf(Locale.ROOT, "cluster: %d nodes, %d volumes, %d pods, manifests %.1f MB in %s%n", nodes,
                    spec.volumes(), spec.pods(), manifestBytes / 1e6, manifests);
            Running locus;
            try {
                locus = target.start(manifests, out.resolve("logs").resolve("locus-nodes-" + nodes + ".log"));
            } catch (IOException e) {
                notes.add("no points at " + nodes + " nodes: " + e.getMessage().lines().findFirst().orElse(""));
                log.println("skipping " + nodes + " nodes: " + e.getMessage());
                continue;
            }
            try (locus; LocusProbe probe = new LocusProbe(locus.url(), locus.pid())) {
                double unknownBefore = probe.unknownClaims();
                for (NodeMode mode : plan.modes()) {
                    if (mode == NodeMode.NODES && nodes > plan.nodesModeMaxNodes()) {
                        notes.add("Nodes mode not run at " + nodes + " nodes (--nodes-mode-max-nodes "
                                + plan.nodesModeMaxNodes() + ")");
                        continue;
                    }
                    ExtenderRequests bodies = ExtenderRequests.build(cluster, mode);
                    if (mode == NodeMode.NODES) {
                        nodesBytes = bodies.filter(0).length();
                    }
                    warmUp(plan, locus, bodies, probe, log);
                    for (int concurrency : plan.concurrency()) {
                        RunSettings settings = plan.settings().withConcurrency(concurrency);
                        long pointNanos = settings.warmup().plus(settings.duration()).toNanos();
                        if (System.nanoTime() + pointNanos > deadline) {
                            notes.add(String.format(Locale.ROOT, "skipped %d nodes, %s, concurrency %d: --max-total %s "
                                    + "reached", nodes, mode.flag(), concurrency, plan.maxTotal()));
                            continue;
                        }
                        RunResult result = LoadRunner.run(locus.url(), bodies, settings, probe);
                        runs.add(result);
                        log.println(line(result));
                    }
                }
                checkCluster(nodes, unknownBefore, probe.unknownClaims(), notes, log);
            }
            clusters.add(new SweepReport.Cluster(spec, manifestBytes, namesBytes, nodesBytes));
        }
        SweepReport.Machine machine = new SweepReport.Machine(Runtime.getRuntime().availableProcessors(),
                MachineInfo.memoryBytes(), MachineInfo.jdk(), MachineInfo.os(),
                List.of(loadAtStart, MachineInfo.loadAverage()), target.describe(), Instant.now().toString());
        RunSettings s = plan.settings();
        SweepReport.Settings settings = new SweepReport.Settings(plan.nodes(),
                plan.modes().stream().map(NodeMode::flag).toList(), plan.concurrency(), plan.nodesModeMaxNodes(),
                s.warmup().toMillis() / 1000.0, s.duration().toMillis() / 1000.0, s.maxRequests(), s.maxBytes(),
                s.httpTimeout().toMillis() / 1000.0, plan.targetPodsPerSecond());
        return new SweepReport(machine, settings, clusters, runs, plan.assumptions(),
                SizingTable.rows(runs, plan.targetPodsPerSecond(), plan.assumptions()), notes);
    }

    /** Unmeasured load at concurrency 2 until the JIT warm-up's request count or time is reached. */
    private static void warmUp(Plan plan, Running locus, ExtenderRequests bodies, LocusProbe probe, PrintStream log) {
        if (plan.jitWarmup().toMillis() < 100) {
            return;
        }
        RunSettings s = plan.settings();
        RunSettings warm = new RunSettings(2, Duration.ZERO, plan.jitWarmup(),
                Math.min(s.maxRequests(), plan.jitWarmupRequests()), s.maxBytes(), s.httpTimeout());
        RunResult result = LoadRunner.run(locus.url(), bodies, warm, probe);
        log.printf(Locale.ROOT, "warm-up: %s mode, %.1f s, %d requests (not reported)%n", bodies.mode().flag(),
                result.seconds(), result.requests());
    }

    /** Every generated claim exists, so a Locus serving the generated cluster never reports one unknown. */
    private static void checkCluster(int nodes, double before, double after, List<String> notes, PrintStream log) {
        if (after > before) {
            String note = String.format(Locale.ROOT, "at %d nodes Locus did not know %.0f claims of the generated pods "
                    + "(locus_unknown_locality_total): it is not serving this cluster's manifests, so these points "
                    + "do not measure real placements", nodes, after - before);
            notes.add(note);
            log.println("WARNING: " + note);
        }
    }

    /** One console line per point. */
    static String line(RunResult r) {
        return String.format(Locale.ROOT, "nodes=%-5d mode=%-5s c=%-2d  %7.1f pods/s  cycle p50 %7.2f ms  p99 %7.2f ms  "
                        + "errors %d  degraded %d  Locus CPU %.3f ms/pod  heap peak %.0f MiB  (%s)", r.nodes(), r.mode(),
                r.concurrency(), r.podsPerSecond(), r.cycle().p50Ms(), r.cycle().p99Ms(), r.errorCount(), r.degraded(),
                r.cpuMillisPerPod(), r.peakHeapBytes() / 1048576.0, r.stoppedBy());
    }

    /** Writes {@code capacity.json}, {@code capacity.md} and the charts into {@code out}. */
    public static List<Path> write(SweepReport report, Path out) throws IOException {
        Files.createDirectories(out);
        Path json = out.resolve(SweepReport.JSON_FILE);
        report.write(json);
        List<Path> files = new ArrayList<>(List.of(json));
        files.addAll(report.render(out));
        return files;
    }
}
