package dev.tenantcore.app.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A server that accepts every connection and reads what it is sent, but never answers a byte: the
 * worst a tenant's self-chosen provider URL can do. It records how long each connection lasted
 * until the caller gave up and closed it.
 */
public final class SilentServer implements AutoCloseable {

    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final List<Duration> closed = new CopyOnWriteArrayList<>();

    private SilentServer() throws IOException {
        socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "silent-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public static SilentServer start() {
        try {
            return new SilentServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Its base URL, {@code http://127.0.0.1:port}. */
    public String url() {
        return "http://127.0.0.1:" + socket.getLocalPort();
    }

    /** How many connections it has accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** The most connections it has held open at one time. */
    public int mostOpen() {
        return mostOpen.get();
    }

    /** How long each connection the caller closed had been open, in the order they closed. */
    public List<Duration> closed() {
        return List.copyOf(closed);
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                accepted.incrementAndGet();
                mostOpen.accumulateAndGet(open.incrementAndGet(), Math::max);
                Thread reader = new Thread(() -> drain(connection), "silent-connection");
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    /** Reads until the caller closes the connection; answers nothing. */
    private void drain(Socket connection) {
        long opened = System.nanoTime();
        try (connection;
                InputStream in = connection.getInputStream()) {
            byte[] buffer = new byte[4096];
            while (in.read(buffer) >= 0) {
                // the request is read and ignored
            }
        } catch (IOException e) {
            // a reset is the caller closing too
        }
        open.decrementAndGet();
        closed.add(Duration.ofNanos(System.nanoTime() - opened));
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
