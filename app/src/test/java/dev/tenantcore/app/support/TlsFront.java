package dev.tenantcore.app.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * An implicit-TLS front before a plain server on this machine (GreenMail's IMAP) that presents a
 * certificate nobody trusts: GreenMail's own bundled self-signed one ({@code greenmail.p12}), which
 * the tests' trust store does not hold. {@link #handshakes()} counts the connections it accepted.
 */
public final class TlsFront implements AutoCloseable {

    private final ServerSocket server;
    private final int upstreamPort;
    private final AtomicInteger accepted = new AtomicInteger();

    public TlsFront(int upstreamPort) {
        this.upstreamPort = upstreamPort;
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = TlsFront.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
                keys.load(in, "changeit".toCharArray());
            }
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, "changeit".toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(managers.getKeyManagers(), null, null);
            server = tls.getServerSocketFactory().createServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(this::accept, "tls-front");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    public int handshakes() {
        return accepted.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                accepted.incrementAndGet();
                Thread handler = new Thread(() -> serve(client), "tls-front-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client;
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            Thread back = new Thread(() -> pipe(upstream, client), "tls-front-back");
            back.setDaemon(true);
            back.start();
            pipe(client, upstream);
        } catch (IOException e) {
            // The client refused the certificate: the handshake failed and the connection is gone.
        }
    }

    private static void pipe(Socket from, Socket to) {
        try {
            from.getInputStream().transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // One side closed.
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Already closed.
        }
    }
}
