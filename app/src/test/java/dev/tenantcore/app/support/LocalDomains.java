package dev.tenantcore.app.support;

import dev.tenantcore.command.tenancy.DomainResolver;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

/**
 * The tests' DNS for domain verification: test domains ({@code shop-x.test}) resolve only to the
 * local servers that tests route them to, and nothing is ever looked up on the network. Picked up
 * by the application's component scan in tests only, in place of the system resolver.
 */
@Component
@Primary
public class LocalDomains implements DomainResolver {

    private final Map<String, InetSocketAddress> routes = new ConcurrentHashMap<>();

    public void route(String domain, InetSocketAddress to) {
        routes.put(domain, to);
    }

    @Override
    public List<InetSocketAddress> resolve(String domain) throws UnknownHostException {
        InetSocketAddress to = routes.get(domain);
        if (to == null) {
            throw new UnknownHostException(domain);
        }
        return List.of(to);
    }
}
