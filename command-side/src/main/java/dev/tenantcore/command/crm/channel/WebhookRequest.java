package dev.tenantcore.command.crm.channel;

import java.util.Map;

/**
 * One delivery to a channel's webhook as a driver may need it: the headers (names lower-cased), the
 * raw body exactly as received, and {@code publicUrl}, the full URL the provider called as it knows
 * it ({@code app.channels.public-url} + the path + the query, never taken from the socket or a
 * forwarded header); null when {@code app.channels.public-url} is not set. Twilio signs that URL.
 */
public record WebhookRequest(Map<String, String> headers, String body, String publicUrl) {

    public WebhookRequest {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? "" : body;
    }
}
