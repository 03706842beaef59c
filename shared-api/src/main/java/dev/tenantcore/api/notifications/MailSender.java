package dev.tenantcore.api.notifications;

/**
 * Who a tenant's mails come from and through which provider ({@code smtp} or {@code sendgrid}),
 * without the provider's secret: the SMTP fields are null for SendGrid.
 */
public record MailSender(
        String senderName,
        String senderAddress,
        String replyTo,
        String provider,
        String smtpHost,
        Integer smtpPort,
        String smtpSecurity,
        String smtpUsername) {

    public static final String SMTP = "smtp";
    public static final String SENDGRID = "sendgrid";
}
