package dev.tenantcore.command.tenancy;

import dev.tenantcore.infra.http.OutboundHttp;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The machine's DNS through {@link OutboundHttp#resolve} (its DNS timeout and address guard), and
 * port 80: verification fetches {@code http://<domain>/}.
 */
@Component
class SystemDomainResolver implements DomainResolver {

    private static final int HTTP_PORT = 80;

    private final OutboundHttp http;

    SystemDomainResolver(OutboundHttp http) {
        this.http = http;
    }

    @Override
    public List<InetSocketAddress> resolve(String domain) throws UnknownHostException {
        return http.resolve(domain).stream()
                .map(address -> new InetSocketAddress(address, HTTP_PORT))
                .toList();
    }
}
