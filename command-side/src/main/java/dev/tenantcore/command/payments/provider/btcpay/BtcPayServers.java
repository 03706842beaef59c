package dev.tenantcore.command.payments.provider.btcpay;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.infra.http.OutboundHttp;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Which BTCPay Server URLs a tenant may point us at. BTCPay is self-hosted, so the URL is the
 * tenant's choice and every call to it is a server-side request on their behalf (SSRF): the URL
 * must be absolute https without user-info, query or fragment, and its host must resolve to public
 * addresses only. The address rule is checked twice: when the owner saves the URL, and again on
 * every connection, which goes through {@link OutboundHttp}, so a name that is re-pointed at an
 * internal address later (DNS rebinding) is refused then.
 *
 * <p>{@code app.outbound-http.allow-private-addresses}, set only by tests, lifts the address rule
 * and allows plain http, so a local stub on 127.0.0.1 can stand in for a tenant's server.
 */
@Component
public class BtcPayServers {

    private static final int MAX_LENGTH = 2048;

    private final OutboundHttp http;

    BtcPayServers(OutboundHttp http) {
        this.http = http;
    }

    /**
     * The URL in its stored form (no trailing slash), or a {@code validation_failed} that says what
     * is wrong with it; never which addresses a name resolved to.
     */
    public String validate(String raw) {
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
        boolean schemeAllowed = scheme.equals("https") || (http.allowsPrivateAddresses() && scheme.equals("http"));
        if (!uri.isAbsolute() || uri.isOpaque() || !schemeAllowed || uri.getHost() == null) {
            throw invalid("serverUrl must be an absolute https URL.");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw invalid("serverUrl must not contain user-info, a query or a fragment.");
        }
        try {
            http.resolve(uri.getHost());
        } catch (UnknownHostException e) {
            throw invalid("serverUrl's host must resolve to public addresses only.");
        }
        String text = uri.toString();
        while (text.endsWith("/")) {
            text = text.substring(0, text.length() - 1);
        }
        return text;
    }

    private static DomainException invalid(String message) {
        return new DomainException(ErrorCode.VALIDATION_FAILED, message);
    }
}
