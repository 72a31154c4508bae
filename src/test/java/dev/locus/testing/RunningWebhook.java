package dev.locus.testing;

import dev.locus.Locus;
import dev.locus.cluster.ClusterState;
import dev.locus.config.LocusConfig;
import io.vertx.core.VertxOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Locus with its schedulerName webhook on a loopback TLS port (certificates from a test CA),
 * and a client that POSTs reviews as the API server does.
 */
public final class RunningWebhook implements AutoCloseable {

    /** The provisioner of the fixtures' StorageClass {@code hc}. */
    public static final String PROVISIONER = "hc.example.com";

    private final Locus locus;
    private final URI url;
    private final HttpClient client;
    private final TestCertificates.Issued ca;
    private final Path cert;
    private final Path key;

    /** @param cacheWaitMillis {@code webhook.cacheWaitMillis} */
    public RunningWebhook(ClusterState cluster, Path dir, long cacheWaitMillis) {
        this(cluster, dir, cacheWaitMillis, 30);
    }

    /** @param reloadSeconds {@code tls.reloadIntervalSeconds}, which the webhook's certificate follows too */
    public RunningWebhook(ClusterState cluster, Path dir, long cacheWaitMillis, long reloadSeconds) {
        ca = TestCertificates.ca("webhook-test-ca");
        TestCertificates.Issued server = TestCertificates.server(ca, "127.0.0.1");
        this.cert = dir.resolve("webhook.crt");
        this.key = dir.resolve("webhook.key");
        server.write(cert, key);
        int port = TestCertificates.freePort();
        LocusConfig config = LocusConfig.builder().host("127.0.0.1").port(0).tlsReloadIntervalSeconds(reloadSeconds)
                .webhook(w -> w.port(port)
                        .certFile(cert.toString()).keyFile(key.toString()).provisioners(List.of(PROVISIONER))
                        .cacheWaitMillis(cacheWaitMillis)).build();
        VertxOptions strict = new VertxOptions()
                .setBlockedThreadCheckInterval(50).setBlockedThreadCheckIntervalUnit(TimeUnit.MILLISECONDS)
                .setMaxEventLoopExecuteTime(100).setMaxEventLoopExecuteTimeUnit(TimeUnit.MILLISECONDS);
        locus = Locus.create(strict, config, cluster);
        locus.start().toCompletionStage().toCompletableFuture().join();
        url = URI.create("https://127.0.0.1:" + port);
        client = HttpClient.newBuilder().sslContext(TestCertificates.clientContext(ca, null))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();
    }

    /** Replaces the served certificate's files with one for 127.0.0.1 signed by {@code newCa}, as a renewal would. */
    public void renew(TestCertificates.Issued newCa) {
        TestCertificates.server(newCa, "127.0.0.1").write(cert, key);
    }

    /** A client trusting only {@code trusted}; its reviews fail the handshake unless the served certificate chains to it. */
    public HttpResponse<byte[]> review(TestCertificates.Issued trusted, byte[] body) throws IOException, InterruptedException {
        HttpClient other = HttpClient.newBuilder().sslContext(TestCertificates.clientContext(trusted, null))
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();
        return other.send(HttpRequest.newBuilder(url.resolve("/mutate-scheduler-name?timeout=5s"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** The test CA's certificate, PEM: what a caBundle would hold. */
    public String caPem() {
        return TestCertificates.certificatePem(ca.cert());
    }

    /** POSTs {@code body} to {@code pathAndQuery}, with the API server's headers. */
    public HttpResponse<byte[]> post(String pathAndQuery, byte[] body) {
        HttpRequest request = HttpRequest.newBuilder(url.resolve(pathAndQuery)).timeout(Duration.ofSeconds(30))
                .header("User-Agent", "kube-apiserver-admission").header("Accept", "application/json, */*")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code request} as is over a fresh TLS connection; returns what came back until the server closed it. */
    public String rawExchange(String request) throws IOException {
        javax.net.ssl.SSLSocketFactory factory = TestCertificates.clientContext(ca, null).getSocketFactory();
        try (java.net.Socket socket = factory.createSocket(url.getHost(), url.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /** POSTs a capture's bytes to the webhook's route with {@code ?timeout=5s}, as the API server did. */
    public HttpResponse<byte[]> review(byte[] body) {
        return post("/mutate-scheduler-name?timeout=5s", body);
    }

    /** Locus's meter registry, read in-process. */
    public io.micrometer.core.instrument.MeterRegistry registry() {
        return locus.metrics().registry();
    }

    /** A capture's request body, by case name ({@code pod-pvc}). */
    public static byte[] capture(String name) {
        try {
            return Files.readAllBytes(Fixtures.ADMISSION.resolve("requests").resolve(name + ".request.json"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        locus.close();
    }
}
