package dev.tenantcore.command.payments;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.command.tenancy.PublicAddresses;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Locale;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Which BTCPay Server URLs a tenant may point us at. BTCPay is self-hosted, so the URL is the
 * tenant's choice and every call to it is a server-side request on their behalf (SSRF): the URL
 * must be absolute https without user-info, query or fragment, and its host must resolve to public
 * addresses only (see {@link PublicAddresses}). The address rule is checked twice: when the owner
 * saves the URL, and again on every connection through {@link #dnsResolver()}, so a name that is
 * re-pointed at an internal address later (DNS rebinding) is refused then.
 *
 * <p>{@code app.tenancy.verification.allow-private-addresses}, set only by tests, lifts the address
 * rule and allows plain http, so a local stub on 127.0.0.1 can stand in for a tenant's server.
 */
@Component
class BtcPayServers {

    private static final Logger log = LoggerFactory.getLogger(BtcPayServers.class);
    private static final int MAX_LENGTH = 2048;

    private final boolean allowPrivateAddresses;
    private final DnsResolver system;

    @Autowired
    BtcPayServers(@Value("${app.tenancy.verification.allow-private-addresses:false}") boolean allowPrivateAddresses) {
        this(allowPrivateAddresses, SystemDefaultDnsResolver.INSTANCE);
    }

    BtcPayServers(boolean allowPrivateAddresses, DnsResolver system) {
        this.allowPrivateAddresses = allowPrivateAddresses;
        this.system = system;
        if (allowPrivateAddresses) {
            log.warn("BTCPay Server URLs may be plain http on private addresses; never enable this outside tests");
        }
    }

    /**
     * The URL in its stored form (no trailing slash), or a {@code validation_failed} that says what
     * is wrong with it; never which addresses a name resolved to.
     */
    String validate(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > MAX_LENGTH) {
            throw invalid("serverUrl must be an absolute https URL.");
        }
        URI uri;
        try {
            uri = new URI(raw.trim());
        } catch (URISyntaxException e) {
            throw invalid("serverUrl must be an absolute https URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean schemeAllowed = scheme.equals("https") || (allowPrivateAddresses && scheme.equals("http"));
        if (!uri.isAbsolute() || uri.isOpaque() || !schemeAllowed || uri.getHost() == null) {
            throw invalid("serverUrl must be an absolute https URL.");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid("serverUrl must not contain user-info, a query or a fragment.");
        }
        try {
            resolvePublic(uri.getHost());
        } catch (UnknownHostException e) {
            throw invalid("serverUrl's host must resolve to public addresses only.");
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    /** Resolves for the HTTP client and refuses a host with any non-public address. */
    DnsResolver dnsResolver() {
        return new DnsResolver() {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                return resolvePublic(host);
            }

            @Override
            public String resolveCanonicalHostname(String host) throws UnknownHostException {
                resolvePublic(host);
                return system.resolveCanonicalHostname(host);
            }
        };
    }

    private InetAddress[] resolvePublic(String host) throws UnknownHostException {
        // URI keeps the brackets of an IPv6 literal; the resolver wants the bare address.
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = system.resolve(bare);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException("no address for the BTCPay Server host");
        }
        if (!allowPrivateAddresses && !Arrays.stream(addresses).allMatch(PublicAddresses::isPublic)) {
            throw new UnknownHostException("the BTCPay Server host resolves to an address that is not public");
        }
        return addresses;
    }

    private static DomainException invalid(String message) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, message);
    }
}
