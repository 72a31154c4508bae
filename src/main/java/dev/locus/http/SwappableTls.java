package dev.locus.http;

import io.vertx.core.net.KeyCertOptions;
import io.vertx.core.net.TrustOptions;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509KeyManager;

/**
 * The server's certificate and client CA behind key and trust managers whose content can be
 * replaced while the server runs: a handshake uses whatever was current when it began.
 *
 * <p>Design: Vert.x 4.5's {@code HttpServer.updateSSLOptions} replaces the server's TLS
 * context with a future that is still being built, and a connection accepted meanwhile fails
 * in Vert.x's channel initializer (NullPointerException on the pending future's result):
 * every new connection for some milliseconds after each reload was refused. Here the TLS
 * context Vert.x builds never changes; only what these managers hand out does. A handshake
 * picks an alias naming its generation, so the certificate chain and private key it then
 * asks for come from the same generation even if a reload lands in between.
 */
final class SwappableTls {

    private final Keys keys = new Keys();
    private final Trust trust = new Trust();

    /** @param first the material served from the start */
    SwappableTls(TlsOptions.Material first) {
        swap(first);
    }

    /** What the server is configured with, once; it keeps serving the current material. */
    KeyCertOptions keyCertOptions() {
        return KeyCertOptions.wrap(keys);
    }

    TrustOptions trustOptions() {
        return TrustOptions.wrap(trust);
    }

    /** Serves {@code material} to handshakes from now on. */
    void swap(TlsOptions.Material material) {
        keys.next(material.keys());
        if (material.clientTrust() != null) {
            trust.current = material.clientTrust();
        }
    }

    /** One reading's key manager, numbered so its aliases cannot be mistaken for another's. */
    private record Generation(int number, X509KeyManager keys) {
        String alias(String inner) {
            return inner == null ? null : number + ":" + inner;
        }
    }

    /** Hands out the current generation's certificate; resolves aliases of the current and the previous one. */
    private static final class Keys extends X509ExtendedKeyManager {
        private volatile Generation current;
        private volatile Generation previous;

        synchronized void next(X509KeyManager keys) {
            Generation now = current;
            previous = now;
            current = new Generation(now == null ? 0 : now.number() + 1, keys);
        }

        private Generation of(String alias) {
            int colon = alias == null ? -1 : alias.indexOf(':');
            if (colon < 0) {
                return null;
            }
            String number = alias.substring(0, colon);
            for (Generation g : new Generation[] {current, previous}) {
                if (g != null && number.equals(Integer.toString(g.number()))) {
                    return g;
                }
            }
            return null;
        }

        private static String inner(String alias) {
            return alias.substring(alias.indexOf(':') + 1);
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            Generation g = current;
            return g.alias(g.keys().chooseServerAlias(keyType, issuers, null));
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            Generation g = current;
            return g.alias(g.keys().chooseServerAlias(keyType, issuers, socket));
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            Generation g = current;
            String[] inner = g.keys().getServerAliases(keyType, issuers);
            return inner == null ? null : Arrays.stream(inner).map(g::alias).toArray(String[]::new);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            Generation g = of(alias);
            return g == null ? null : g.keys().getCertificateChain(inner(alias));
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            Generation g = of(alias);
            return g == null ? null : g.keys().getPrivateKey(inner(alias));
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null; // a server only
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }

    /** Checks client certificates against the current client CA bundle. */
    private static final class Trust extends X509ExtendedTrustManager {
        private volatile X509ExtendedTrustManager current;

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            current.checkClientTrusted(chain, authType, engine);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            current.checkClientTrusted(chain, authType, socket);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            current.checkClientTrusted(chain, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws CertificateException {
            throw new CertificateException("a server does not check server certificates");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws CertificateException {
            throw new CertificateException("a server does not check server certificates");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("a server does not check server certificates");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            X509ExtendedTrustManager now = current;
            return now == null ? new X509Certificate[0] : now.getAcceptedIssuers();
        }
    }
}
