package dev.locus.http;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.locus.cluster.ManifestLoader;
import dev.locus.testing.Fixtures;
import dev.locus.testing.MutableClusterState;
import dev.locus.testing.RunningWebhook;
import dev.locus.testing.TestCertificates;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The webhook's serving certificate is re-read like the extender's: a renewed Secret (here, new
 * files from another CA) is served to new connections without a restart, and counted.
 */
class WebhookTlsReloadTest {

    @TempDir
    Path dir;

    @Test
    void aRenewedCertificateIsServedWithoutARestart() throws Exception {
        TestCertificates.Issued next = TestCertificates.ca("next-webhook-ca");
        byte[] review = RunningWebhook.capture("pod-pvc");
        try (RunningWebhook webhook = new RunningWebhook(
                new MutableClusterState(ManifestLoader.load(Fixtures.ADMISSION.resolve("manifests"))), dir, 100, 1)) {
            assertThrows(SSLHandshakeException.class, () -> webhook.review(next, review));

            webhook.renew(next);

            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> webhook.review(next, review).statusCode() == 200);
            assertThrows(java.io.UncheckedIOException.class, () -> webhook.review(review)); // the old CA no longer verifies
            assertEquals(1.0, webhook.registry().get("locus.webhook.tls.reloads").tag("outcome", "ok").counter().count());
        }
    }
}
