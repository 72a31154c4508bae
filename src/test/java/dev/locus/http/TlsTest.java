package dev.locus.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locus.Locus;
import dev.locus.cluster.StaticClusterState;
import dev.locus.config.ConfigException;
import dev.locus.config.LocusConfig;
import dev.locus.testing.Fixtures;
import dev.locus.testing.HttpExtenderClient;
import dev.locus.testing.RunningLocus;
import dev.locus.testing.TestCertificates;
import dev.locus.testing.TestCertificates.Issued;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS on the extender port with client certificates required (kube-scheduler's
 * {@code enableHTTPS} + {@code tlsConfig}), health on a plain port, and certificates
 * replaced on disk while clients stay connected.
 */
class TlsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Issued CA = TestCertificates.ca("locus-test-ca");
    private static final Issued SCHEDULER = TestCertificates.client(CA, "kube-scheduler");
    private static final Issued OTHER_CA = TestCertificates.ca("someone-else");

    @TempDir
    Path dir;
    private Path cert;
    private Path key;
    private int healthPort;
    private RunningLocus locus;

    @BeforeEach
    void start() throws IOException {
        cert = dir.resolve("tls.crt");
        key = dir.resolve("tls.key");
        TestCertificates.server(CA, "locus").write(cert, key);
        Path ca = dir.resolve("ca.crt");
        Files.writeString(ca, TestCertificates.certificatePem(CA.cert()));
        healthPort = TestCertificates.freePort();
        locus = new RunningLocus(LocusConfig.builder().tlsCertFile(cert.toString()).tlsKeyFile(key.toString())
                .tlsClientCaFile(ca.toString()).tlsReloadIntervalSeconds(1).healthPort(healthPort), Fixtures.cluster());
    }

    @AfterEach
    void stop() {
        locus.close();
    }

    private static HttpClient client(Issued clientCert) {
        return client(TestCertificates.clientContext(CA, clientCert));
    }

    private static HttpClient client(SSLContext context) {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).sslContext(context)
                .connectTimeout(TIMEOUT).build();
    }

    private HttpResponse<String> get(HttpClient http, String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(locus.url().resolve(path)).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static BigInteger servedSerial(HttpResponse<?> response) throws IOException {
        return ((X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber();
    }

    @Test
    void aSchedulerWithItsClientCertificateGetsAnswers() {
        assertTrue(locus.url().toString().startsWith("https://127.0.0.1:"), locus.url().toString());
        byte[] body = Fixtures.bytes(Fixtures.request("node-cache-capable-true/0003"));
        var extender = new HttpExtenderClient(locus.url(), 5, client(SCHEDULER));
        assertEquals(List.of("node-2", "node-1"), extender.filter(body, HttpExtenderClient.offered(body), true).passing());
    }

    @Test
    void withoutAClientCertificateOrWithOneFromAnotherCaTheHandshakeFails() {
        assertThrows(IOException.class, () -> get(client((Issued) null), "healthz"));
        Issued stranger = TestCertificates.client(OTHER_CA, "stranger");
        assertThrows(IOException.class, () -> get(client(stranger), "healthz"));
        HttpClient plain = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        URI cleartext = URI.create(locus.url().toString().replace("https:", "http:") + "healthz");
        assertThrows(IOException.class, () -> plain.send(HttpRequest.newBuilder(cleartext).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString()));
    }

    @Test
    void healthAndMetricsAreOnThePlainHealthPortOnly() throws Exception {
        HttpClient plain = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        URI health = URI.create("http://127.0.0.1:" + healthPort + "/");
        assertEquals(200, plain.send(HttpRequest.newBuilder(health.resolve("readyz")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode());
        String metrics = plain.send(HttpRequest.newBuilder(health.resolve("metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(metrics.contains("locus_tls_certificate_expiry_timestamp_seconds"), metrics);
        var filter = plain.send(HttpRequest.newBuilder(health.resolve("filter")).POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, filter.statusCode(), filter.body());
    }

    @Test
    void aRenewedCertificateReachesNewConnectionsWhileOpenOnesKeepWorking() throws Exception {
        HttpClient keepAlive = client(SCHEDULER);
        BigInteger first = servedSerial(get(keepAlive, "healthz"));

        Issued renewed = TestCertificates.server(CA, "locus-renewed");
        renewed.write(cert, key);
        await().atMost(TIMEOUT).until(() -> servedSerial(get(client(SCHEDULER), "healthz")).equals(renewed.serial()));

        HttpResponse<String> again = get(keepAlive, "healthz");
        assertEquals(200, again.statusCode());
        assertEquals(first, servedSerial(again), "the open connection kept its session");
        assertThrows(IOException.class, () -> get(client((Issued) null), "healthz"), "client certificates still required");
        assertTrue(get(keepAlive, "metrics").body().contains("locus_tls_reloads_total{outcome=\"ok\"} 1.0"));
    }

    /**
     * On Vert.x 4.5.22, {@code updateSSLOptions} failed every connection accepted while the new
     * context was built (NullPointerException in Vert.x's channel initializer, "Remote host
     * terminated the handshake" at the client): a scheduler cycle lost per reload. Vert.x 5
     * keeps the old context until the new one is built; this test holds it to that.
     */
    @Test
    void newConnectionsAcrossRenewalsAreNeverRefused() throws Exception {
        SSLContext context = TestCertificates.clientContext(CA, SCHEDULER);
        AtomicBoolean running = new AtomicBoolean(true);
        List<String> failures = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger answered = new AtomicInteger();
        Thread client = new Thread(() -> {
            while (running.get()) {
                try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
                        .createSocket(locus.url().getHost(), locus.url().getPort())) {
                    socket.setSoTimeout(10_000);
                    socket.getOutputStream().write("GET /healthz HTTP/1.1\r\nHost: locus\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    String reply = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
                    if (reply.startsWith("HTTP/1.1 200")) {
                        answered.incrementAndGet();
                    } else {
                        failures.add(reply);
                    }
                } catch (IOException e) {
                    failures.add(e.toString());
                }
            }
        });
        client.start();
        try {
            for (int i = 0; i < 5; i++) {
                Issued renewed = TestCertificates.server(CA, "locus-" + i);
                renewed.write(cert, key);
                await().atMost(TIMEOUT).until(() -> servedSerial(get(client(SCHEDULER), "healthz")).equals(renewed.serial()));
            }
        } finally {
            running.set(false);
            client.join();
        }
        assertTrue(answered.get() >= 10, answered.get() + " connections answered: too few to have crossed a reload");
        assertEquals(List.of(), failures, answered.get() + " answered");
    }

    @Test
    void aCertificateWithoutItsKeyIsNotSwappedIn() throws Exception {
        BigInteger serving = servedSerial(get(client(SCHEDULER), "healthz"));
        Issued halfRotated = TestCertificates.server(CA, "locus-half");
        Files.writeString(cert, TestCertificates.certificatePem(halfRotated.cert())); // the key file is not replaced

        HttpClient http = client(SCHEDULER);
        await().atMost(TIMEOUT).until(() -> get(http, "metrics").body().contains("locus_tls_reloads_total{outcome=\"error\"}"));
        assertEquals(serving, servedSerial(get(client(SCHEDULER), "healthz")));
    }

    @Test
    void aKeyThatDoesNotMatchTheCertificateStopsTheStartNamingTheFiles() {
        Path otherKey = dir.resolve("other.key");
        TestCertificates.server(CA, "other").write(dir.resolve("other.crt"), otherKey);
        LocusConfig config = LocusConfig.builder().host("127.0.0.1").port(0).tlsCertFile(cert.toString())
                .tlsKeyFile(otherKey.toString()).build();
        try (Locus bad = Locus.create(config, new StaticClusterState(Fixtures.cluster()))) {
            CompletionException e = assertThrows(CompletionException.class,
                    () -> bad.start().toCompletionStage().toCompletableFuture().join());
            assertTrue(e.getCause() instanceof ConfigException, e.toString());
            assertEquals("tls.keyFile " + otherKey + " is not the key of the certificate in tls.certFile " + cert,
                    e.getCause().getMessage());
        }
    }
}
