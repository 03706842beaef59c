package dev.tenantcore.infra.mail;

import java.util.List;
import java.util.Map;

/**
 * A rendered mail, ready for a transport. {@code messageId} is the same on every attempt of one
 * delivery ({@code <delivery id@host>}), so a receiver that deduplicates by Message-ID sees a resend
 * after a crash as the same mail; {@code deliveryId} travels to providers that take custom data.
 */
public record MailMessage(
        String fromName,
        String fromAddress,
        String replyTo,
        String to,
        String subject,
        String text,
        String html,
        List<MailAttachment> attachments,
        String messageId,
        String deliveryId,
        Map<String, String> headers) {

    public MailMessage {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        headers.values().forEach(value -> {
            if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a header value holds a line break");
            }
        });
    }

    public MailMessage(
            String fromName,
            String fromAddress,
            String replyTo,
            String to,
            String subject,
            String text,
            String html,
            List<MailAttachment> attachments,
            String messageId,
            String deliveryId) {
        this(fromName, fromAddress, replyTo, to, subject, text, html, attachments, messageId, deliveryId, null);
    }
}
