package dev.locus.e2e;

import dev.locus.Locus;
import dev.locus.cluster.ClusterSnapshot;
import dev.locus.cluster.live.LiveClusterState;
import dev.locus.config.LocusConfig;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.SSLEngine;
import org.awaitility.Awaitility;

/**
 * Locus in live mode, in-process, as {@code locus serve} runs it: {@link LiveClusterState}
 * informers over its own fabric8 client of the e2e apiserver, and the extender server on the
 * configured port. Closing it stops the server, the informers and the client.
 */
public final class LiveLocus implements AutoCloseable {

    /** Longest wait for Locus to see something the API server already has. */
    static final Duration SEES_TIMEOUT = Duration.ofSeconds(30);

    private final KubernetesClient client;
    private final LiveClusterState cluster;
    private final Locus locus;
    private final URI readyz;

    private LiveLocus(KubernetesClient client, LiveClusterState cluster, Locus locus, int port) {
        this.client = client;
        this.cluster = cluster;
        this.locus = locus;
        this.readyz = URI.create("http://127.0.0.1:" + port + "/readyz");
    }

    /** Starts watching and serving; returns once the port is bound (not when the informers synced). */
    static LiveLocus start(Config kubeConfig, LocusConfig config) {
        KubernetesClient client = new KubernetesClientBuilder().withConfig(kubeConfig).build();
        LiveClusterState cluster = LiveClusterState.start(client);
        Locus locus = Locus.create(config, cluster);
        try {
            locus.start().toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
            locus.close();
            cluster.close();
            client.close();
            throw e;
        }
        return new LiveLocus(client, cluster, locus, config.port());
    }

    /** The cluster as Locus currently sees it. */
    public ClusterSnapshot snapshot() {
        return cluster.current();
    }

    /** Waits until Locus's /readyz answers 200: informers synced and the JIT warm-up done. */
    public void awaitReady() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Awaitility.await("Locus ready").atMost(SEES_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(() -> http.send(HttpRequest.newBuilder(readyz)
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    /** Waits until Locus's snapshot satisfies {@code condition}: Locus has seen what the test wrote. */
    public void awaitSees(String what, Predicate<ClusterSnapshot> condition) {
        Awaitility.await("Locus sees " + what).atMost(SEES_TIMEOUT).pollInterval(Duration.ofMillis(50))
                .until(() -> cluster.ready() && condition.test(cluster.current()));
    }

    public Locus locus() {
        return locus;
    }

    @Override
    public void close() {
        locus.close();
        cluster.close();
        client.close();
    }

    /** A port that was free a moment ago. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** TLS that trusts any certificate and name: health probes of loopback components with self-signed certificates. */
    static SSLContext trustAll() {
        TrustManager all = new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {all}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
