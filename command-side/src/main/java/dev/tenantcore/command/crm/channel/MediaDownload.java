package dev.tenantcore.command.crm.channel;

import java.net.URI;
import java.util.Map;

/**
 * Where an inbound attachment's bytes are, and the headers (the provider's auth) that fetching them
 * takes. The headers hold a credential: they go to that URL's host only, never on to a redirect's
 * other host, and never into a log or a message.
 */
public record MediaDownload(URI url, Map<String, String> headers) {

    public MediaDownload {
        headers = Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "MediaDownload[" + url.getHost() + "]";
    }
}
