package dev.locus.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay on loopback to the apiserver that holds every connection opened in its first
 * {@code delay} before relaying it: a Locus that lists through it syncs no sooner than that,
 * as one in a large cluster does, while the scheduler's own connection is unaffected. TLS
 * passes through untouched (same host, 127.0.0.1, so the certificate still matches). With no
 * delay and another address to listen on, it makes a loopback port reachable at an address
 * the API server accepts in an EndpointSlice (not loopback).
 */
final class SlowLink implements AutoCloseable {

    private final ServerSocket server;
    private final int target;
    private final long openAtNanos;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    SlowLink(int target, Duration delay) {
        this(InetAddress.getLoopbackAddress(), target, delay);
    }

    /** Listens on {@code address} (any free port) and relays to {@code target} on loopback. */
    SlowLink(InetAddress address, int target, Duration delay) {
        try {
            this.server = new ServerSocket(0, 50, address);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.target = target;
        this.openAtNanos = System.nanoTime() + delay.toNanos();
        this.acceptor = daemon("slow-link", this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** This machine's first IPv4 address that is neither loopback nor link-local, if it has one. */
    static Optional<InetAddress> siteAddress() {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces()).stream().filter(SlowLink::up)
                    .flatMap(n -> Collections.list(n.getInetAddresses()).stream())
                    .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress())
                    .findFirst();
        } catch (SocketException e) {
            return Optional.empty();
        }
    }

    private static boolean up(NetworkInterface network) {
        try {
            return network.isUp();
        } catch (SocketException e) {
            return false;
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                sockets.add(client);
                daemon("slow-link-conn", () -> relay(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void relay(Socket client) {
        try {
            long wait = openAtNanos - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000)); // the slow link itself, not a synchronisation
            }
            Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
            sockets.add(upstream);
            daemon("slow-link-up", () -> pipe(upstream, client));
            pipe(client, upstream);
        } catch (IOException | InterruptedException e) {
            closeQuietly(client);
        }
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // one side closed: close both
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // nothing to do
        }
        sockets.forEach(SlowLink::closeQuietly);
        try {
            acceptor.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
