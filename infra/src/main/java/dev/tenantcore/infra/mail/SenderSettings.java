package dev.tenantcore.infra.mail;

/**
 * Who sends and through what: the tenant's own settings or the platform's default. {@code secret} is
 * the SMTP password or the SendGrid API key; {@code toString()} leaves it out.
 */
public record SenderSettings(
        String provider,
        String fromName,
        String fromAddress,
        String replyTo,
        String smtpHost,
        Integer smtpPort,
        String smtpSecurity,
        String smtpUsername,
        String secret) {

    public static final String SMTP = "smtp";
    public static final String SENDGRID = "sendgrid";

    @Override
    public String toString() {
        return "SenderSettings[provider=" + provider + ", from=" + fromAddress + ", smtpHost=" + smtpHost + "]";
    }
}
