package dev.tenantcore.command.tenancy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Fetches {@code http://<domain>/.well-known/tenantcore-domain-verification} and looks for the
 * token in the body. The URL is chosen by a tenant, so the fetch is built not to be a way into
 * our own network (SSRF):
 *
 * <ul>
 *   <li>the domain is resolved once, and every address must be public (see {@link
 *       PublicAddresses}) unless {@code app.tenancy.verification.allow-private-addresses} is set,
 *       which only tests do;
 *   <li>the connection goes to that resolved address: the client is given the address itself and
 *       its own DNS resolver refuses every lookup, so no second resolution can be rebound;
 *   <li>no redirects, no retries, no proxy, no cookies, no decompression;
 *   <li>3 s to connect, 3 s to read the answer, and at most 4 KB of it is read; the connection
 *       is then cut rather than drained.
 * </ul>
 */
@Component
class HttpDomainOwnershipVerifier implements DomainOwnershipVerifier, DisposableBean {

    static final int MAX_BODY_BYTES = 4096;
    static final int HTTP_PORT = 80;
    static final Timeout CONNECT_TIMEOUT = Timeout.ofSeconds(3);
    static final long READ_BUDGET_MILLIS = 3_000;

    private static final Logger log = LoggerFactory.getLogger(HttpDomainOwnershipVerifier.class);

    private final DomainResolver resolver;
    private final boolean allowPrivateAddresses;
    private final CloseableHttpClient client;

    HttpDomainOwnershipVerifier(
            DomainResolver resolver,
            @Value("${app.tenancy.verification.allow-private-addresses:false}") boolean allowPrivateAddresses) {
        this.resolver = resolver;
        this.allowPrivateAddresses = allowPrivateAddresses;
        if (allowPrivateAddresses) {
            log.warn("domain verification may reach private addresses; never enable this outside tests");
        }
        Timeout read = Timeout.ofMilliseconds(READ_BUDGET_MILLIS);
        this.client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDnsResolver(new RefusingDnsResolver())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(CONNECT_TIMEOUT)
                                .setSocketTimeout(read)
                                .build())
                        .setDefaultSocketConfig(
                                SocketConfig.custom().setSoTimeout(read).build())
                        .setMaxConnTotal(20)
                        .setMaxConnPerRoute(2)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(CONNECT_TIMEOUT)
                        .setResponseTimeout(read)
                        .setRedirectsEnabled(false)
                        .build())
                .setConnectionReuseStrategy((request, response, context) -> false)
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("tenantcore-domain-verification")
                .build();
    }

    @Override
    public Outcome verify(String domain, String expectedToken) {
        List<InetSocketAddress> addresses;
        try {
            addresses = resolver.resolve(domain);
        } catch (UnknownHostException e) {
            return Outcome.failure("the domain does not resolve");
        }
        if (addresses.isEmpty()) {
            return Outcome.failure("the domain does not resolve");
        }
        if (!allowPrivateAddresses && addresses.stream().anyMatch(a -> !PublicAddresses.isPublic(a.getAddress()))) {
            return Outcome.failure("the domain resolves to an address that is not public");
        }
        InetSocketAddress target = addresses.get(0);
        // Port -1 on port 80 keeps the Host header the bare domain, as a browser would send it.
        int port = target.getPort() == HTTP_PORT ? -1 : target.getPort();
        HttpHost host = new HttpHost("http", target.getAddress(), domain, port);
        HttpGet request = new HttpGet(WELL_KNOWN_PATH);
        try {
            ClassicHttpResponse response = client.executeOpen(host, request, null);
            try {
                if (response.getCode() != 200) {
                    return Outcome.failure(WELL_KNOWN_PATH + " answered HTTP " + response.getCode() + ", not 200");
                }
                String body = readAtMost(response.getEntity());
                return body.contains(expectedToken)
                        ? Outcome.success()
                        : Outcome.failure(WELL_KNOWN_PATH + " does not contain the verification token");
            } finally {
                // Cut the connection first: closing a response with an unread body would drain it.
                request.cancel();
                closeQuietly(response);
            }
        } catch (IOException e) {
            return Outcome.failure("the domain's web server could not be reached over HTTP");
        }
    }

    /** The first {@link #MAX_BODY_BYTES} bytes, read within the read budget however slowly they arrive. */
    private static String readAtMost(HttpEntity entity) throws IOException {
        if (entity == null) {
            return "";
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(READ_BUDGET_MILLIS);
        byte[] buffer = new byte[MAX_BODY_BYTES];
        int length = 0;
        InputStream in = entity.getContent();
        while (length < buffer.length) {
            if (System.nanoTime() > deadline) {
                throw new IOException("the body arrived too slowly");
            }
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                break;
            }
            length += n;
        }
        return new String(buffer, 0, length, StandardCharsets.UTF_8);
    }

    private static void closeQuietly(ClassicHttpResponse response) {
        try {
            response.close();
        } catch (IOException | RuntimeException e) {
            log.debug("closing a cancelled verification response failed", e);
        }
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }

    /** Every connection carries its resolved address; a lookup here would mean a second resolution. */
    private static final class RefusingDnsResolver implements org.apache.hc.client5.http.DnsResolver {
        @Override
        public java.net.InetAddress[] resolve(String host) throws UnknownHostException {
            throw new UnknownHostException("domain verification never resolves a host twice: " + host);
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            throw new UnknownHostException("domain verification never resolves a host twice: " + host);
        }
    }
}
