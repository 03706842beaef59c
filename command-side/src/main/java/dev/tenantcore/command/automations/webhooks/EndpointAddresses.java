package dev.tenantcore.command.automations.webhooks;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.infra.http.OutboundHttp;
import dev.tenantcore.infra.http.RefusedAddressException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Which URLs a tenant may have us post its events to. Every delivery is a server-side request to a
 * host the tenant chose (SSRF), so the URL must be absolute https without user-info or fragment, and
 * its host must resolve to public addresses only. The address rule is checked when the owner saves
 * the URL and again on every delivery, which connects through {@link OutboundHttp}'s guarded
 * resolver, so a name re-pointed at an internal address later is refused then.
 *
 * <p>{@code app.outbound-http.allow-private-addresses}, set only by tests, lifts the address rule
 * and allows plain http, so a local stub can stand in for a receiver.
 */
@Component
public class EndpointAddresses {

    static final int MAX_LENGTH = 2048;

    private final OutboundHttp http;

    public EndpointAddresses(OutboundHttp http) {
        this.http = http;
    }

    /**
     * The URL as stored, or {@code webhook_url_refused} saying what is wrong; never which addresses
     * a name resolved to.
     */
    public String check(String raw) {
        URI uri = parse(raw);
        try {
            http.resolve(uri.getHost());
        } catch (RefusedAddressException e) {
            throw refused("The URL's host must resolve to public addresses only.");
        } catch (UnknownHostException e) {
            throw refused("The URL's host does not resolve.");
        }
        return uri.toString();
    }

    /** The URL's form only (scheme, host, no user-info or fragment): what a delivery checks before connecting. */
    URI parse(String raw) {
        if (raw == null || raw.isBlank() || raw.length() > MAX_LENGTH) {
            throw refused("url must be an absolute https URL of at most " + MAX_LENGTH + " characters.");
        }
        URI uri;
        try {
            uri = new URI(raw.strip());
        } catch (URISyntaxException e) {
            throw refused("url must be an absolute https URL.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        boolean schemeAllowed = scheme.equals("https") || (http.allowsPrivateAddresses() && scheme.equals("http"));
        if (!uri.isAbsolute() || uri.isOpaque() || !schemeAllowed || uri.getHost() == null) {
            throw refused("url must be an absolute https URL.");
        }
        if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            throw refused("url must not contain user-info or a fragment.");
        }
        return uri;
    }

    private static DomainException refused(String message) {
        return new DomainException(ErrorCode.WEBHOOK_URL_REFUSED, message);
    }
}
