package dev.locus.cluster.live;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A fabric8 mock API server in CRUD mode that behaves like a real API server in the ways
 * live mode must survive: it can go away and come back on the same port with the same
 * objects (every open watch is cut), refuse the lists of one resource, and answer a watch
 * resumed from a compacted resourceVersion with the 410 Gone error event a real API server
 * sends, which forces a relist.
 */
final class MockApiServer implements AutoCloseable {

    private static final Pattern RESOURCE_VERSION = Pattern.compile("[?&]resourceVersion=(\\d+)");
    private static final String GONE_EVENT = "{\"type\":\"ERROR\",\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Status\","
            + "\"metadata\":{},\"status\":\"Failure\",\"message\":\"too old resource version\","
            + "\"reason\":\"Expired\",\"code\":410}}";

    private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
    private final Set<String> failingLists = ConcurrentHashMap.newKeySet();
    private final int port;
    private volatile long compactedBelow;
    private KubernetesMockServer server;

    /** A server on a free port, not started. */
    MockApiServer() {
        this.port = freePort();
    }

    int port() {
        return port;
    }

    void start() {
        server = serve(port);
    }

    /** Stops serving; every connection, watches included, is closed. Objects are kept. */
    void stop() {
        server.shutdown();
        server = null;
    }

    /** A second server on another port over the same objects: changes the cluster while {@link #stop()}ped. */
    KubernetesMockServer sideDoor() {
        return serve(freePort());
    }

    /** Lists of paths containing {@code fragment} fail with 503 until {@link #healLists()}. */
    void failLists(String fragment) {
        failingLists.add(fragment);
    }

    void healLists() {
        failingLists.clear();
    }

    /** Forgets history: a watch resumed from an older resourceVersion gets 410 Gone. */
    void compact() {
        compactedBelow = crud.requestResourceVersion();
    }

    /** A client of this server that retries quickly, so tests converge in seconds. */
    KubernetesClient client() {
        return client(port);
    }

    static KubernetesClient client(int port) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://localhost:" + port)
                .withNamespace("test").withHttp2Disable(true).withWatchReconnectInterval(100)
                .withRequestRetryBackoffLimit(0).withConnectionTimeout(2000).withRequestTimeout(5000).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    static KubernetesClient client(KubernetesMockServer server) {
        return client(server.getPort());
    }

    private KubernetesMockServer serve(int onPort) {
        KubernetesMockServer mock = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(),
                new HashMap<>(), new Faulty(), false);
        mock.start(InetAddress.getLoopbackAddress(), onPort);
        return mock;
    }

    @Override
    public void close() {
        if (server != null) {
            stop();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The CRUD dispatcher, with the failures switched on by the test. */
    private final class Faulty extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath();
            boolean watch = path.contains("watch=true");
            if (!watch && "GET".equals(request.getMethod()) && failingLists.stream().anyMatch(path::contains)) {
                return new MockResponse().setResponseCode(503).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                        + "\"status\":\"Failure\",\"message\":\"unavailable\",\"code\":503}");
            }
            Matcher rv = RESOURCE_VERSION.matcher(path);
            if (watch && rv.find() && Long.parseLong(rv.group(1)) < compactedBelow) {
                return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
                    @Override
                    public void onOpen(WebSocket webSocket, Response response) {
                        webSocket.send(GONE_EVENT);
                    }
                });
            }
            return crud.dispatch(request);
        }
    }
}
