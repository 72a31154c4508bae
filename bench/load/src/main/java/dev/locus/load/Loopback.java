package dev.locus.load;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/** The tool only ever sends traffic to this machine: a target must resolve to a loopback address. */
public final class Loopback {

    private Loopback() {
    }

    /**
     * Checks that {@code url} is http on a loopback host ({@code 127.0.0.0/8}, {@code ::1}, {@code localhost}).
     *
     * @throws IllegalArgumentException naming the URL otherwise
     */
    public static URI require(URI url) {
        if (!"http".equals(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("--url " + url + ": expected http://HOST:PORT on this machine");
        }
        String host = url.getHost().replaceAll("^\\[|]$", "");
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    throw notLoopback(url);
                }
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--url " + url + ": unknown host " + host, e);
        }
        return url;
    }

    private static IllegalArgumentException notLoopback(URI url) {
        return new IllegalArgumentException("--url " + url + " is not a loopback address: the load tool only drives "
                + "a Locus on this machine (127.0.0.1, ::1, localhost), so it never floods a network or a shared cluster");
    }
}
