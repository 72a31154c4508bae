package dev.locus;

import dev.locus.admission.certs.CertificatesCommand;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.ClusterState;
import dev.locus.cluster.ManifestException;
import dev.locus.cluster.ManifestLoader;
import dev.locus.cluster.StaticClusterState;
import dev.locus.cluster.live.LiveClusterException;
import dev.locus.cluster.live.LiveClusterState;
import dev.locus.config.ConfigException;
import dev.locus.config.ConfigFile;
import dev.locus.config.LocusConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command line: {@code locus serve [--demo | --manifests PATH] [--host H] [--port N] [--config FILE]}.
 * Exit codes: 0 normal, 2 bad usage or configuration, 1 failure at start.
 */
public final class Main {

    static final String USAGE = """
            usage: java -jar locus.jar serve [options]
              --demo             serve the demo cluster bundled in the jar
              --manifests PATH   load cluster state from a YAML file or a folder of them
              (neither)          watch the live cluster: the in-cluster service account, else
                                 KUBECONFIG or ~/.kube/config; /readyz answers 503 until synced
              --host HOST        bind address (server.host, default 0.0.0.0)
              --port PORT        port, 0..65535 (server.port, default 8888)
              --config FILE      YAML config file; flags override its values. May be
                                 given more than once: later files override earlier ones
              --help             this text
            or:    java -jar locus.jar webhook-certs --help   (the webhook's Secret and caBundle, without cert-manager)
            """;

    /** The demo cluster, a resource in the jar. */
    static final String DEMO_RESOURCE = "/demo/cluster.yaml";

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Parses {@code args} and starts serving; returns non-zero when it could not start. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals(CertificatesCommand.NAME)) {
            return CertificatesCommand.run(java.util.Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        Options options;
        try {
            options = Options.parse(args);
        } catch (ConfigException e) {
            err.println("locus: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (options.help()) {
            out.print(USAGE);
            return 0;
        }
        ClusterState cluster;
        LocusConfig config;
        try {
            config = options.config();
            cluster = clusterState(options);
        } catch (ConfigException | ManifestException | LiveClusterException e) {
            err.println("locus: " + e.getMessage());
            return 2;
        }
        Locus locus = Locus.create(config, cluster);
        try {
            int port = locus.start().toCompletionStage().toCompletableFuture().join();
            LOG.info("Locus serving on {}://{}:{} ({})", config.tls().enabled() ? "https" : "http", config.host(), port,
                    cluster.ready() ? cluster.current() : "live cluster, not ready until every informer has synced");
        } catch (CompletionException e) {
            if (e.getCause() instanceof ConfigException bad) {
                err.println("locus: " + bad.getMessage());
                locus.close();
                close(cluster);
                return 2;
            }
            err.println("locus: cannot listen on " + config.host() + ":" + config.port() + ": " + e.getCause().getMessage());
            locus.close();
            close(cluster);
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            locus.close();
            close(cluster);
        }, "locus-shutdown"));
        return 0;
    }

    private static void close(ClusterState cluster) {
        if (cluster instanceof LiveClusterState live) {
            live.close();
        }
    }

    private static ClusterState clusterState(Options options) {
        if (options.demo()) {
            return new StaticClusterState(demo());
        }
        if (options.manifests() != null) {
            return new StaticClusterState(ManifestLoader.load(options.manifests()));
        }
        return LiveClusterState.connect();
    }

    /** The bundled demo cluster. */
    static ClusterSnapshot demo() {
        try (InputStream in = Main.class.getResourceAsStream(DEMO_RESOURCE)) {
            if (in == null) {
                throw new ManifestException("demo cluster " + DEMO_RESOURCE + " is missing from the jar");
            }
            return ManifestLoader.load("demo cluster", in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parsed flags. */
    record Options(boolean help, boolean demo, Path manifests, List<Path> configFiles, String host, Long port) {

        static Options parse(String[] args) {
            if (args.length == 0) {
                throw new ConfigException("missing command (serve)");
            }
            if (args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
                return new Options(true, false, null, List.of(), null, null);
            }
            if (!args[0].equals("serve")) {
                throw new ConfigException("unknown command '" + args[0] + "' (expected serve)");
            }
            boolean help = false;
            boolean demo = false;
            Path manifests = null;
            List<Path> configFiles = new ArrayList<>();
            String host = null;
            Long port = null;
            for (int i = 1; i < args.length; i++) {
                String flag = args[i];
                switch (flag) {
                    case "--help", "-h" -> help = true;
                    case "--demo" -> demo = true;
                    case "--manifests" -> manifests = Path.of(value(args, ++i, flag));
                    case "--config" -> configFiles.add(Path.of(value(args, ++i, flag)));
                    case "--host" -> host = value(args, ++i, flag);
                    case "--port" -> port = number(value(args, ++i, flag), flag);
                    default -> throw new ConfigException("unknown flag '" + flag + "'");
                }
            }
            if (demo && manifests != null) {
                throw new ConfigException("--demo and --manifests exclude each other");
            }
            if (manifests != null && !Files.exists(manifests)) {
                throw new ConfigException("--manifests " + manifests + ": no such file or folder");
            }
            return new Options(help, demo, manifests, List.copyOf(configFiles), host, port);
        }

        /** The config: defaults, then the config files in order, then flags. */
        LocusConfig config() {
            LocusConfig.Builder builder = LocusConfig.builder();
            for (Path configFile : configFiles) {
                if (!Files.isRegularFile(configFile)) {
                    throw new ConfigException("--config " + configFile + ": no such file");
                }
                ConfigFile.apply(configFile, builder);
            }
            try {
                if (host != null) {
                    builder.host(host);
                }
                if (port != null) {
                    builder.port(port);
                }
            } catch (ConfigException e) {
                throw new ConfigException("flag " + e.getMessage().replace(LocusConfig.PORT, "--port")
                        .replace(LocusConfig.HOST, "--host"), e);
            }
            return builder.build();
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length || args[i].startsWith("--")) {
                throw new ConfigException(flag + " needs a value");
            }
            return args[i];
        }

        private static long number(String text, String flag) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException e) {
                throw new ConfigException(flag + " must be an integer, got '" + text + "'");
            }
        }
    }
}
