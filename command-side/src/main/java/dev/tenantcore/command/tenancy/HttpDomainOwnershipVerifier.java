package dev.tenantcore.command.tenancy;

import dev.tenantcore.infra.http.OutboundHttp;
import dev.tenantcore.infra.http.RefusedAddressException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.core5.http.HttpHost;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Fetches {@code http://<domain>/.well-known/tenantcore-domain-verification} and looks for the
 * token in the body. The URL is chosen by a tenant, so the fetch goes through {@link OutboundHttp}
 * (see there: public addresses only, no redirects, no second resolution) with limits of its own:
 *
 * <ul>
 *   <li>the domain is resolved once by {@link DomainResolver} (the machine's DNS through {@link
 *       OutboundHttp#resolve}, within its DNS timeout) and every address must be public;
 *   <li>the connection goes to that resolved address: the request names the address itself, so
 *       nothing resolves the domain a second time;
 *   <li>3 s to connect, 3 s for the whole answer, and at most 4 KB of it is read; the connection
 *       is then cut rather than drained.
 * </ul>
 */
@Component
class HttpDomainOwnershipVerifier implements DomainOwnershipVerifier, DisposableBean {

    static final int MAX_BODY_BYTES = 4096;
    static final int HTTP_PORT = 80;
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration READ_BUDGET = Duration.ofSeconds(3);

    private final DomainResolver resolver;
    private final OutboundHttp http;
    private final OutboundHttp.Client client;

    HttpDomainOwnershipVerifier(DomainResolver resolver, OutboundHttp http) {
        this.resolver = resolver;
        this.http = http;
        this.client = http.client(
                "tenantcore-domain-verification",
                new OutboundHttp.Limits(CONNECT_TIMEOUT, READ_BUDGET, READ_BUDGET, MAX_BODY_BYTES));
    }

    @Override
    public Outcome verify(String domain, String expectedToken) {
        List<InetSocketAddress> addresses;
        try {
            addresses = resolver.resolve(domain);
        } catch (RefusedAddressException e) {
            return notPublic();
        } catch (UnknownHostException e) {
            return Outcome.failure("the domain does not resolve");
        }
        if (addresses.isEmpty()) {
            return Outcome.failure("the domain does not resolve");
        }
        try {
            http.requirePublic(
                    domain,
                    addresses.stream().map(InetSocketAddress::getAddress).toList());
        } catch (RefusedAddressException e) {
            return notPublic();
        }
        InetSocketAddress target = addresses.get(0);
        // Port -1 on port 80 keeps the Host header the bare domain, as a browser would send it.
        int port = target.getPort() == HTTP_PORT ? -1 : target.getPort();
        HttpHost host = new HttpHost("http", target.getAddress(), domain, port);
        try {
            OutboundHttp.Response response = client.execute(host, new HttpGet(WELL_KNOWN_PATH), true);
            if (response.status() != 200) {
                return Outcome.failure(WELL_KNOWN_PATH + " answered HTTP " + response.status() + ", not 200");
            }
            String body = new String(response.body(), StandardCharsets.UTF_8);
            return body.contains(expectedToken)
                    ? Outcome.success()
                    : Outcome.failure(WELL_KNOWN_PATH + " does not contain the verification token");
        } catch (IOException e) {
            return Outcome.failure("the domain's web server could not be reached over HTTP");
        }
    }

    private static Outcome notPublic() {
        return Outcome.failure("the domain resolves to an address that is not public");
    }

    @Override
    public void destroy() throws IOException {
        client.close();
    }
}
