package dev.tenantcore.app.support;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * An SMTP front that offers STARTTLS (GreenMail's SMTP does not): it greets, answers EHLO with
 * STARTTLS, refuses everything else until the client has upgraded, then hands the TLS connection
 * to a plain SMTP server behind it (GreenMail), which sees the client's second EHLO as its first.
 * The certificate is the tests' own ({@link #KEY_STORE}, names {@code mail.shop.test}, {@code
 * localhost}, 127.0.0.1), trusted through {@code app.email.smtp.trust-store} and nowhere else.
 */
public final class StartTlsRelay implements AutoCloseable {

    public static final String KEY_STORE = "/smtp-tls/server.p12";
    public static final String TRUST_STORE = "classpath:smtp-tls/trust.p12";
    public static final String PASSWORD = "test-only";

    private final ServerSocket server;
    private final int upstreamPort;
    private final SSLContext tls;
    private final AtomicInteger upgraded = new AtomicInteger();
    private final AtomicInteger refusedInClear = new AtomicInteger();

    public StartTlsRelay(int upstreamPort) {
        this.upstreamPort = upstreamPort;
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = StartTlsRelay.class.getResourceAsStream(KEY_STORE)) {
                keys.load(in, PASSWORD.toCharArray());
            }
            KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            managers.init(keys, PASSWORD.toCharArray());
            tls = SSLContext.getInstance("TLS");
            tls.init(managers.getKeyManagers(), null, null);
            server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Thread acceptor = new Thread(this::accept, "starttls-relay");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections that went through STARTTLS. */
    public int upgraded() {
        return upgraded.get();
    }

    /** Commands refused because they came before STARTTLS. */
    public int refusedInClear() {
        return refusedInClear.get();
    }

    /**
     * GreenMail with plain SMTP and SMTPS on free ports, its SMTPS serving the tests' certificate
     * (GreenMail reads the keystore setting when a server starts).
     */
    public static GreenMailExtension greenMail() {
        return greenMail(ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort());
    }

    /** GreenMail with {@code setups}, its TLS servers (SMTPS, IMAPS) serving the tests' certificate. */
    public static GreenMailExtension greenMail(ServerSetup... setups) {
        System.setProperty("greenmail.tls.keystore.file", keyStoreFile());
        System.setProperty("greenmail.tls.keystore.password", PASSWORD);
        return new GreenMailExtension(setups);
    }

    private static String keyStoreFile() {
        try {
            return java.nio.file.Path.of(
                            StartTlsRelay.class.getResource(KEY_STORE).toURI())
                    .toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread handler = new Thread(() -> serve(client), "starttls-relay-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            write(out, "220 relay ESMTP");
            while (true) {
                String line = readLine(in);
                if (line == null) {
                    return;
                }
                String command = line.length() < 4 ? line : line.substring(0, 4).toUpperCase();
                if (command.equals("EHLO")) {
                    write(out, "250-relay\r\n250 STARTTLS");
                } else if (command.equals("HELO")) {
                    write(out, "250 relay");
                } else if (command.equals("QUIT")) {
                    write(out, "221 bye");
                    return;
                } else if (line.equalsIgnoreCase("STARTTLS")) {
                    write(out, "220 ready to start TLS");
                    relay(client);
                    return;
                } else {
                    refusedInClear.incrementAndGet();
                    write(out, "530 Must issue a STARTTLS command first");
                }
            }
        } catch (IOException e) {
            // The client went away: nothing to relay.
        }
    }

    private void relay(Socket client) throws IOException {
        SSLSocket secure = (SSLSocket) tls.getSocketFactory().createSocket(client, null, client.getPort(), true);
        secure.setUseClientMode(false);
        secure.startHandshake();
        upgraded.incrementAndGet();
        try (secure;
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), upstreamPort)) {
            InputStream fromUpstream = upstream.getInputStream();
            readLine(fromUpstream); // its greeting: the client already had ours
            Thread back = new Thread(() -> pipe(fromUpstream, secure), "starttls-relay-back");
            back.setDaemon(true);
            back.start();
            pipe(secure.getInputStream(), upstream);
        }
    }

    private static void pipe(InputStream from, Socket to) {
        try {
            from.transferTo(to.getOutputStream());
            to.shutdownOutput();
        } catch (IOException e) {
            // One side closed.
        }
    }

    private static void write(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** One line, byte by byte, so nothing after it (the TLS handshake) is read ahead. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                return line.toString(StandardCharsets.US_ASCII).strip();
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
