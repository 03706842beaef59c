package dev.tenantcore.command.tenancy;

import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Where a domain's HTTP server is: every address it resolves to, with the port. Resolved once per
 * verification; the check then connects to these addresses only, so a DNS answer that changes in
 * between (rebinding) cannot steer the request elsewhere.
 */
public interface DomainResolver {

    List<InetSocketAddress> resolve(String domain) throws UnknownHostException;
}
