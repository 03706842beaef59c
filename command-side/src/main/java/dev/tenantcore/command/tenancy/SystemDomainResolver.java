package dev.tenantcore.command.tenancy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import org.springframework.stereotype.Component;

/** The machine's DNS, and port 80: verification fetches {@code http://<domain>/}. */
@Component
class SystemDomainResolver implements DomainResolver {

    private static final int HTTP_PORT = 80;

    @Override
    public List<InetSocketAddress> resolve(String domain) throws UnknownHostException {
        return Arrays.stream(InetAddress.getAllByName(domain))
                .map(address -> new InetSocketAddress(address, HTTP_PORT))
                .toList();
    }
}
