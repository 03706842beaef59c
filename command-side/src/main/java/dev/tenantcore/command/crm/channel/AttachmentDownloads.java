package dev.tenantcore.command.crm.channel;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.infra.http.OutboundHttp;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpGet;

/**
 * Downloads an attachment through {@link OutboundHttp}: every host, a redirect's too, must resolve to
 * public addresses ({@link dev.tenantcore.infra.http.RefusedAddressException} otherwise), the body is
 * capped by the client ({@link dev.tenantcore.infra.http.ResponseTooLargeException}), https only
 * unless tests lifted the address rule, and the provider's auth goes to the first host only.
 */
final class AttachmentDownloads {

    private AttachmentDownloads() {}

    /** GET through the address guard; redirects followed by hand, the auth only to the first host. */
    static byte[] fetch(OutboundHttp.Client http, boolean plainHttp, MediaDownload where) throws IOException {
        URI url = where.url();
        Map<String, String> headers = where.headers();
        for (int hop = 0; hop <= InboundMediaRunner.MAX_REDIRECTS; hop++) {
            String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !(scheme.equals("http") && plainHttp)) {
                throw new DomainException(ErrorCode.CHANNEL_PROVIDER_FAILED, "The attachment's URL is not https.");
            }
            HttpGet get = new HttpGet(url);
            headers.forEach(get::addHeader);
            OutboundHttp.Response response = http.execute(null, get, false);
            int status = response.status();
            if (status >= 200 && status < 300) {
                if (response.body().length == 0) {
                    throw new DomainException(ErrorCode.CHANNEL_PROVIDER_FAILED, "The attachment is empty.");
                }
                return response.body();
            }
            List<String> location = response.headers().get("location");
            if (status >= 300 && status < 400 && location != null && !location.isEmpty()) {
                URI next = url.resolve(location.get(0));
                if (!next.getHost().equalsIgnoreCase(url.getHost())) {
                    headers = Map.of();
                }
                url = next;
                continue;
            }
            if (status == 408 || status == 429 || status >= 500) {
                throw new ChannelUnavailableException("HTTP " + status, false);
            }
            throw new DomainException(
                    ErrorCode.CHANNEL_PROVIDER_FAILED, "The provider refused the attachment (HTTP " + status + ").");
        }
        throw new DomainException(ErrorCode.CHANNEL_PROVIDER_FAILED, "The attachment redirected too often.");
    }
}
