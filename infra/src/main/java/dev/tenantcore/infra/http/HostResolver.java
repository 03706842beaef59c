package dev.tenantcore.infra.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Names to addresses for {@link OutboundHttp}; the machine's DNS unless a test supplies its own.
 * {@link OutboundHttp} bounds the lookup's time and vets its answer, so this only resolves.
 */
@FunctionalInterface
public interface HostResolver {

    HostResolver SYSTEM = InetAddress::getAllByName;

    InetAddress[] resolve(String host) throws UnknownHostException;
}
