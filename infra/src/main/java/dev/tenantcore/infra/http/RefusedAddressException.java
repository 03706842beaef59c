package dev.tenantcore.infra.http;

import java.net.UnknownHostException;

/**
 * A host that resolves to an address outbound calls may not reach. An {@link UnknownHostException}
 * so that HTTP clients fail the connection as for a name that does not resolve, and callers that
 * care (domain verification) can tell the two apart.
 */
public class RefusedAddressException extends UnknownHostException {

    public RefusedAddressException(String host) {
        super(host + " resolves to an address that is not public");
    }
}
