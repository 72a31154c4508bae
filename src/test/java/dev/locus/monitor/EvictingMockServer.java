package dev.locus.monitor;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * fabric8's mock API server in CRUD mode, plus the one thing its CRUD dispatcher lacks: the
 * {@code pods/eviction} subresource (it would store the Eviction as an object). An eviction
 * checks the pod exists (404) and matches the UID precondition (409), then deletes it through
 * the CRUD store, as a real API server does once the kubelet has confirmed. Every request is
 * recorded (method and path) for the RBAC derivation test. PDB refusals (429) are tested in
 * expectations mode instead, where the answer can be scripted.
 *
 * <p>The CRUD dispatcher answers a field selector it does not know, such as the monitor's
 * {@code spec.schedulerName=NAME}, with no object at all. This server drops that selector
 * (after recording the request, where tests check it was sent) and answers every pod, as an
 * API server that ignored it would: the monitor's own check of each pod's scheduler name is
 * then what keeps other pods out.
 */
final class EvictingMockServer implements AutoCloseable {

    private static final Pattern SCHEDULER_SELECTOR = Pattern.compile("([?&])fieldSelector=spec\\.schedulerName%3D[^&]*&?");
    private static final Pattern EVICTION = Pattern.compile("(/api/v1/namespaces/[^/]+/pods/[^/?]+)/eviction(\\?.*)?");

    private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private final List<String> evicted = new CopyOnWriteArrayList<>();
    private final KubernetesMockServer server;

    EvictingMockServer() {
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), new HashMap<>(),
                new Evicting(), false);
        server.start(InetAddress.getLoopbackAddress(), 0);
    }

    /** A new client of this server (close it). */
    KubernetesClient client() {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl("http://localhost:" + server.getPort())
                .withNamespace("test").withHttp2Disable(true).withWatchReconnectInterval(100)
                .withRequestRetryBackoffLimit(0).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** "METHOD path" of every request so far. */
    List<String> requests() {
        return List.copyOf(requests);
    }

    /** "namespace/name" of every pod evicted so far, in order. */
    List<String> evicted() {
        return List.copyOf(evicted);
    }

    @Override
    public void close() {
        server.shutdown();
    }

    private final class Evicting extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            requests.add(request.getMethod() + " " + request.getPath());
            Matcher m = EVICTION.matcher(request.getPath());
            if ("POST".equals(request.getMethod()) && m.matches()) {
                return evict(m.group(1), Serialization.unmarshal(request.getBody().readUtf8(), Eviction.class));
            }
            return crud.dispatch(withoutSchedulerSelector(request));
        }

        private RecordedRequest withoutSchedulerSelector(RecordedRequest request) {
            Matcher m = SCHEDULER_SELECTOR.matcher(request.getPath());
            if (!m.find()) {
                return request;
            }
            String path = m.replaceFirst("$1").replaceAll("[?&]$", "");
            return new RecordedRequest(request.getHttpVersion(), request.method(), path, request.getHeaders(),
                    request.getBody());
        }

        private MockResponse evict(String podPath, Eviction eviction) {
            MockResponse current = crud.handleGet(podPath);
            if (current.code() != 200) {
                return status(404, "NotFound", "pods not found");
            }
            Pod pod = Serialization.unmarshal(current.getBody().readUtf8(), Pod.class);
            var options = eviction.getDeleteOptions();
            String uid = options == null || options.getPreconditions() == null ? null : options.getPreconditions().getUid();
            if (uid != null && !uid.equals(pod.getMetadata().getUid())) {
                return status(409, "Conflict", "Precondition failed: UID in precondition: " + uid);
            }
            crud.handleDelete(podPath);
            evicted.add(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
            return status(201, "Success", "");
        }

        private MockResponse status(int code, String reason, String message) {
            String state = code < 300 ? "Success" : "Failure";
            return new MockResponse().setResponseCode(code).setBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\","
                    + "\"status\":\"" + state + "\",\"reason\":\"" + reason + "\",\"message\":\"" + message
                    + "\",\"code\":" + code + "}");
        }
    }
}
