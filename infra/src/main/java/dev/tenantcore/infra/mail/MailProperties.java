package dev.tenantcore.infra.mail;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code app.email.*}: the platform's default sender, for tenants without their own (provider
 * {@code none} sends nothing: such mails are logged as failed), and how deliveries are retried.
 */
@ConfigurationProperties("app.email")
public record MailProperties(
        @DefaultValue DefaultSender defaultSender,
        @DefaultValue Delivery delivery,
        @DefaultValue("https://api.sendgrid.com") String sendgridApiBase,
        @DefaultValue("tenantcore.mail") String messageIdHost) {

    public record DefaultSender(
            @DefaultValue("none") String provider,
            @DefaultValue("tenantcore") String fromName,
            @DefaultValue("no-reply@localhost") String fromAddress,
            String replyTo,
            String smtpHost,
            @DefaultValue("587") int smtpPort,
            @DefaultValue("starttls") String smtpSecurity,
            String smtpUsername,
            String smtpPassword,
            String sendgridApiKey) {

        SenderSettings settings() {
            String secret = SenderSettings.SENDGRID.equals(provider) ? sendgridApiKey : smtpPassword;
            return new SenderSettings(
                    provider, fromName, fromAddress, replyTo, smtpHost, smtpPort, smtpSecurity, smtpUsername, secret);
        }
    }

    /**
     * A mail that fails for a reason that may pass is tried {@code maxAttempts} times in all, the
     * waits growing from {@code firstRetry} by half each time (30 s, 45 s, … about 8.5 min before the
     * eighth), then lands in the failed list.
     */
    public record Delivery(
            @DefaultValue("8") int maxAttempts,
            @DefaultValue("PT30S") Duration firstRetry,
            @DefaultValue("PT20S") Duration timeLimit) {}
}
