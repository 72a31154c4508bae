package dev.locus.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The fixture's own promises that other scenarios build on: Locus and the apiserver restart in place. */
@ExtendWith(ControlPlaneExtension.class)
class ControlPlaneE2E {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void locusStopsAndStartsAgainOnTheSamePort(ControlPlane plane) throws Exception {
        plane.stopLocus();
        assertThrows(IOException.class, () -> readyz(plane.locusUrl()));

        plane.startLocus();
        plane.locus().awaitReady();

        assertEquals(200, readyz(plane.locusUrl()));
    }

    @Test
    void theApiServerRestartsWithTheSameData(ControlPlane plane) {
        Cluster.ensureNodes(plane.client());
        plane.client().configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("survives").endMetadata().addToData("k", "v").build()).create();

        plane.stopApiServer();
        assertThrows(KubernetesClientException.class,
                () -> plane.client().configMaps().inNamespace("default").withName("survives").get());
        plane.startApiServer();

        assertEquals(Map.of("k", "v"),
                plane.client().configMaps().inNamespace("default").withName("survives").get().getData());
        plane.client().configMaps().inNamespace("default").withName("survives").delete();
        Cluster.annotateNode(plane.client(), Cluster.nodeNames().get(0), "e2e/after-restart", "yes");
        plane.locus().awaitSees("an annotation written after the restart", s -> "yes".equals(
                s.node(Cluster.nodeNames().get(0)).annotations().get("e2e/after-restart")));
        Cluster.annotateNode(plane.client(), Cluster.nodeNames().get(0), "e2e/after-restart", null);
    }

    private int readyz(URI locus) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(locus.resolve("/readyz")).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
