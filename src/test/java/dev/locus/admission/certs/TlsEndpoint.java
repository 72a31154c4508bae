package dev.locus.admission.certs;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** A TLS server on loopback that completes handshakes with one certificate, as a Locus pod's webhook port would. */
final class TlsEndpoint implements AutoCloseable {

    private final SSLServerSocket server;
    private final Thread acceptor;

    TlsEndpoint(X509Certificate certificate, PrivateKey key) throws Exception {
        char[] password = "test".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("serving", key, password, new Certificate[] {certificate});
        KeyManagerFactory keys = KeyManagerFactory.getInstance("SunX509"); // serves the certificate whatever its dates
        keys.init(store, password);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        server = (SSLServerSocket) tls.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::accept, "tls-endpoint");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                ((SSLSocket) socket).startHandshake();
            } catch (IOException e) {
                // closed, or a client that gave up: next
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        acceptor.join(5_000);
    }
}
