package dev.locus.admission.certs;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * What the webhook's Locus pods serve now: the certificate each endpoint of the Service's
 * EndpointSlices presents in a TLS handshake, with the Service's DNS name as SNI, as the API
 * server connects. Endpoints that are not ready are asked too: Locus serves its webhook port
 * before its informers have synced, and a pod not ready now may be soon. {@link
 * WebhookCertificates} keeps the previous CA in the caBundle while one serves a certificate
 * the current CA did not sign.
 *
 * <p>The handshake accepts any certificate: it only reads what is presented, sends nothing,
 * and the caller checks the signature itself against the CA it holds.
 */
final class ServedCertificates {

    /** Connect and handshake timeout per endpoint. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** The label EndpointSlices carry with their Service's name. */
    static final String SERVICE_LABEL = "kubernetes.io/service-name";

    /**
     * One endpoint: the leaf certificate it served, or null and why none was seen.
     *
     * @param endpoint {@code address:port}
     */
    record Served(String endpoint, X509Certificate certificate, String problem) {

        /** True when it served a certificate {@code ca} signed. */
        boolean signedBy(X509Certificate ca) {
            if (certificate == null) {
                return false;
            }
            try {
                certificate.verify(ca.getPublicKey());
                return true;
            } catch (GeneralSecurityException e) {
                return false;
            }
        }
    }

    /**
     * What each endpoint of {@code service} serves, on each TCP port of its slice; empty when
     * it has none. Throws {@link KubernetesClientException} when the EndpointSlices cannot be listed.
     */
    static List<Served> of(KubernetesClient client, String namespace, String service) {
        String serverName = service + "." + namespace + ".svc";
        List<Served> served = new ArrayList<>();
        for (EndpointSlice slice : client.discovery().v1().endpointSlices().inNamespace(namespace)
                .withLabel(SERVICE_LABEL, service).list().getItems()) {
            for (Endpoint endpoint : nullToEmpty(slice.getEndpoints())) {
                if (endpoint.getAddresses() == null || endpoint.getAddresses().isEmpty()) {
                    continue;
                }
                String address = endpoint.getAddresses().get(0); // the rest are fungible with it
                for (EndpointPort port : nullToEmpty(slice.getPorts())) {
                    if (port.getPort() != null && (port.getProtocol() == null || "TCP".equals(port.getProtocol()))) {
                        served.add(handshake(address, port.getPort(), serverName));
                    }
                }
            }
        }
        return served;
    }

    /** The leaf certificate {@code address:port} presents to a client asking for {@code serverName}. */
    static Served handshake(String address, int port, String serverName) {
        String endpoint = (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
        int timeout = (int) TIMEOUT.toMillis();
        try (Socket raw = new Socket()) {
            raw.connect(new InetSocketAddress(address, port), timeout);
            raw.setSoTimeout(timeout);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, new TrustManager[] {ANY}, null);
            try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(raw, serverName, port, false)) {
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(serverName)));
                socket.setSSLParameters(parameters);
                socket.startHandshake();
                return new Served(endpoint, (X509Certificate) socket.getSession().getPeerCertificates()[0], null);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return new Served(endpoint, null, "no certificate seen (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** Reads the server's chain without judging it: the caller checks the leaf against its CA. */
    private static final X509TrustManager ANY = new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    };
}
