package dev.tenantcore.command.crm.channel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import java.util.function.Supplier;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * How drivers turn an HTTP call's outcome into the SPI's two failures. Exceptions of the HTTP client
 * may name the URL, and Telegram's URL holds the bot token: their messages never travel on.
 */
public final class ProviderAnswers {

    private ProviderAnswers() {}

    /** A refusal's description kept for staff, cut short. */
    public static final int MAX_REASON = 500;

    /**
     * Runs {@code call}; a 408, 429 or 5xx answer and a failed connection are {@link
     * ChannelUnavailableException}, any other error answer a refusal with the reason {@code reason}
     * reads from its JSON body.
     */
    public static JsonNode call(
            String provider,
            String action,
            Supplier<JsonNode> call,
            java.util.function.Function<JsonNode, String> reason) {
        try {
            return call.get();
        } catch (RestClientResponseException e) {
            int status = e.getStatusCode().value();
            if (status == 408 || status == 429 || status >= 500) {
                // The provider answered: it says it did not do it.
                throw new ChannelUnavailableException(provider + " could not " + action + ": HTTP " + status, false);
            }
            JsonNode body = null;
            try {
                body = e.getResponseBodyAs(JsonNode.class);
            } catch (RuntimeException unreadable) {
                // No JSON: the status alone says what happened.
            }
            String why = body == null ? null : reason.apply(body);
            throw refused(
                    provider + " refused to " + action + " (HTTP " + status + ")" + (why == null ? "" : ": " + why));
        } catch (RestClientException e) {
            throw new ChannelUnavailableException(
                    provider + " could not " + action + ": " + e.getClass().getSimpleName(), !unsent(e));
        }
    }

    /** Whether the request surely never left: no address, no connection. */
    static boolean unsent(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.ConnectException
                    || cause instanceof java.net.UnknownHostException
                    || cause instanceof org.apache.hc.client5.http.ConnectTimeoutException
                    || cause instanceof java.net.NoRouteToHostException) {
                return true;
            }
        }
        return false;
    }

    public static DomainException refused(String reason) {
        String text = reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON);
        return new DomainException(ErrorCode.CHANNEL_PROVIDER_FAILED, text);
    }

    public static DomainException unverified() {
        return new DomainException(ErrorCode.INVALID_SIGNATURE, "The webhook signature does not verify.");
    }

    public static DomainException malformed(String what) {
        return new DomainException(ErrorCode.MALFORMED_REQUEST, what);
    }
}
