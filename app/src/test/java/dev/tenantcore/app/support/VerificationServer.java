package dev.tenantcore.app.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A tenant's web server as domain verification sees it: serves, per Host, the body published for
 * {@code /.well-known/tenantcore-domain-verification}, and 404 for a host that published nothing.
 */
public final class VerificationServer implements AutoCloseable {

    private static final String PATH = "/.well-known/tenantcore-domain-verification";

    private final HttpServer server;
    private final LocalDomains domains;
    private final Map<String, String> published = new ConcurrentHashMap<>();

    private VerificationServer(LocalDomains domains) throws IOException {
        this.domains = domains;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, exchange -> {
            String host = exchange.getRequestHeaders().getFirst("Host");
            String body = host == null ? null : published.get(host.replaceFirst(":\\d+$", ""));
            byte[] bytes = (body == null ? "not here" : body).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(body == null ? 404 : 200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    public static VerificationServer start(LocalDomains domains) {
        try {
            return new VerificationServer(domains);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points {@code domain} at this server and serves {@code body} as its verification file. */
    public void publish(String domain, String body) {
        domains.route(domain, server.getAddress());
        published.put(domain, body);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
