package dev.tenantcore.infra.mail;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one mail that is not a template's (a staff member's reply in an email conversation) through
 * the current tenant's mail sender: its own SMTP or SendGrid settings when enabled, else the
 * platform's default sender, exactly as the {@link MailOutbox}'s mails go. The caller decides the
 * {@code From} address, the subject, the {@code Message-ID} and the threading headers; the sender's
 * name is the tenant's. Call with the tenant entered and outside any transaction (the provider call
 * must hold none open); the settings are read in a short transaction of their own.
 */
@Component
public class ChannelMail {

    private final MailSettingsStore settings;
    private final Map<String, MailTransport> transports;
    private final TransactionTemplate tx;

    ChannelMail(
            MailSettingsStore settings, List<MailTransport> transports, PlatformTransactionManager transactionManager) {
        this.settings = settings;
        this.transports = transports.stream().collect(Collectors.toMap(MailTransport::provider, Function.identity()));
        this.tx = new TransactionTemplate(transactionManager);
    }

    /** One mail to send: {@code messageId} with its angle brackets; {@code headers} as {@link MailMessage#headers()}. */
    public record Mail(
            String fromAddress,
            String to,
            String subject,
            String text,
            String html,
            String messageId,
            Map<String, String> headers) {}

    /**
     * Hands the mail to the tenant's provider and returns its id of it (the {@code Message-ID} over SMTP).
     *
     * @throws MailTransportException when no sender is configured, the provider refused the mail
     *     ({@link MailTransportException#permanent()}) or could not be reached
     */
    public String send(Mail mail) {
        if (TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A mail provider must not be called inside a transaction.");
        }
        SenderSettings sender = tx.execute(status -> settings.sender());
        MailTransport transport = sender == null ? null : transports.get(sender.provider());
        if (transport == null) {
            throw new MailTransportException("No mail sender is configured.", true, null);
        }
        return transport.send(
                sender,
                new MailMessage(
                        sender.fromName(),
                        mail.fromAddress(),
                        null,
                        mail.to(),
                        mail.subject(),
                        mail.text(),
                        mail.html(),
                        List.of(),
                        mail.messageId(),
                        null,
                        mail.headers()));
    }
}
