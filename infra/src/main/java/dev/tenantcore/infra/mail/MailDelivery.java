package dev.tenantcore.infra.mail;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.infra.credentials.TenantCredentials;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one queued mail on a db-scheduler thread, in the mail's tenant: reads the delivery and the
 * sender in a short transaction, composes and renders it, hands it to the provider outside any
 * transaction, and records the outcome in another. A failure that may pass (the provider did not
 * answer, something the mail needs is not readable yet) is retried with exponential back-off; a
 * refusal that cannot pass, or the last attempt, lands the mail in the failed list.
 *
 * <p>db-scheduler runs a delivery on one node at a time, and the row's status is checked before
 * every attempt, so a mail is sent once. The one window: a crash after the provider took the mail
 * and before the outcome is recorded sends it again when db-scheduler revives the dead execution.
 * The resend carries the same Message-ID (SMTP); SendGrid takes no idempotency key.
 *
 * <p>Composers and branding come from the query side and are looked up when a mail is sent: they
 * need the query bus, which needs Axon, whose deadline manager needs the scheduler, which needs
 * this task.
 */
@Component
final class MailDelivery {

    static final String TASK = "email-delivery";
    private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);

    /** A queued delivery; its class name is part of what db-scheduler stores. */
    record Due(String tenantId, String deliveryId) implements Serializable {}

    /** The row as the sender reads it, after counting this attempt. */
    private record Pending(
            MailTemplate template,
            String locale,
            String recipient,
            UUID recipientUser,
            Map<String, Object> model,
            String attachment,
            String messageId,
            int attempts,
            SenderSettings sender,
            Map<String, String> secrets) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final ObjectMapper json;
    private final MailSettingsStore settings;
    private final MailTemplates templates;
    private final TenantCredentials credentials;
    private final Map<String, MailTransport> transports;
    private final ObjectProvider<MailComposer> composers;
    private final ObjectProvider<MailBranding> branding;
    private final MailProperties properties;

    MailDelivery(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            ObjectMapper json,
            MailSettingsStore settings,
            MailTemplates templates,
            TenantCredentials credentials,
            List<MailTransport> transports,
            ObjectProvider<MailComposer> composers,
            ObjectProvider<MailBranding> branding,
            MailProperties properties) {
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
        this.json = json;
        this.settings = settings;
        this.templates = templates;
        this.credentials = credentials;
        this.transports = transports.stream().collect(Collectors.toMap(MailTransport::provider, Function.identity()));
        this.composers = composers;
        this.branding = branding;
        this.properties = properties;
    }

    OneTimeTask<Due> task() {
        var backoff = new FailureHandler.ExponentialBackoffFailureHandler<Due>(
                properties.delivery().firstRetry(), 1.5);
        return new OneTimeTask<>(TASK, Due.class, backoff) {
            @Override
            public void executeOnce(TaskInstance<Due> instance, ExecutionContext context) {
                Due due = instance.getData();
                send(TenantId.of(due.tenantId()), UUID.fromString(due.deliveryId()));
            }
        };
    }

    /** One attempt; throws to have db-scheduler try again later. */
    void send(TenantId tenant, UUID id) {
        try (var scope = TenantContext.enter(tenant, null)) {
            Pending pending = tx.execute(status -> begin(id));
            if (pending == null) {
                return; // sent, failed or gone: nothing to do
            }
            String sentTo = null;
            String locale = null;
            try {
                // Before composing: without a sender, reading the order or rendering a PDF is wasted.
                MailTransport transport = transports.get(pending.sender().provider());
                if (transport == null) {
                    throw new MailTransportException("No mail sender is configured.", true, null);
                }
                MailComposer.Composition composition = compose(tenant, pending);
                sentTo = composition.recipient();
                MailBranding.Branding brand = brand(tenant);
                locale = MailTemplates.locale(composition.locale(), pending.locale(), brand.locale());
                String chosen = locale;
                var override = tx.execute(status -> templates.override(pending.template(), chosen));
                Map<String, Object> model = new HashMap<>(composition.model());
                model.putAll(pending.secrets());
                MailTemplates.Rendered rendered = templates.render(override, pending.template(), locale, model, brand);
                if (sentTo == null || sentTo.isBlank()) {
                    throw new MailTransportException("The mail has no recipient.", true, null);
                }
                SenderSettings sender = pending.sender();
                MailMessage message = new MailMessage(
                        sender.fromName(),
                        sender.fromAddress(),
                        sender.replyTo(),
                        sentTo,
                        rendered.subject(),
                        rendered.text(),
                        rendered.html(),
                        composition.attachments(),
                        pending.messageId(),
                        id.toString());
                String providerId = transport.send(sender, message);
                String to = sentTo;
                String in = locale;
                boolean hadSecrets = !pending.secrets().isEmpty();
                tx.executeWithoutResult(status -> sent(id, sender.provider(), providerId, to, in, hadSecrets));
            } catch (MailTransportException e) {
                failed(id, pending, sentTo, locale, e.getMessage(), e.permanent(), e);
            } catch (DomainException e) {
                // A tenant's template that renders badly: its author must fix it, no retry helps.
                failed(id, pending, sentTo, locale, e.getMessage(), true, e);
            } catch (MailComposer.MailNotReady e) {
                failed(id, pending, sentTo, locale, "Not readable yet: " + e.getMessage(), false, e);
            } catch (RuntimeException e) {
                failed(id, pending, sentTo, locale, e.getClass().getSimpleName(), false, e);
            }
        }
    }

    private Pending begin(UUID id) {
        List<Pending> rows = jdbc.query(
                """
                UPDATE email_deliveries SET attempts = attempts + 1, updated_at = now()
                WHERE id = ? AND status = 'pending'
                RETURNING template, locale, recipient, recipient_user_id, model, attachment, message_id, attempts
                """,
                (rs, n) -> new Pending(
                        MailTemplate.fromWireName(rs.getString("template")),
                        rs.getString("locale"),
                        rs.getString("recipient"),
                        rs.getObject("recipient_user_id", UUID.class),
                        read(rs.getString("model")),
                        rs.getString("attachment"),
                        rs.getString("message_id"),
                        rs.getInt("attempts"),
                        null,
                        null),
                id);
        if (rows.isEmpty()) {
            return null;
        }
        Pending row = rows.get(0);
        Map<String, String> secrets = credentials.readAll(MailOutbox.secretsScope(id));
        return new Pending(
                row.template(),
                row.locale(),
                row.recipient(),
                row.recipientUser(),
                row.model(),
                row.attachment(),
                row.messageId(),
                row.attempts(),
                settings.sender(),
                secrets);
    }

    private MailComposer.Composition compose(TenantId tenant, Pending pending) {
        MailComposer.Queued queued = new MailComposer.Queued(
                tenant,
                pending.template(),
                pending.recipient(),
                pending.recipientUser() == null ? null : new UserId(pending.recipientUser()),
                pending.locale(),
                pending.model(),
                pending.attachment());
        Optional<MailComposer> composer = composers
                .orderedStream()
                .filter(c -> c.templates().contains(pending.template()))
                .findFirst();
        return composer.map(c -> c.compose(queued))
                .orElseGet(() -> new MailComposer.Composition(
                        pending.recipient(), pending.locale(), pending.model(), List.of()));
    }

    private MailBranding.Branding brand(TenantId tenant) {
        MailBranding source = branding.getIfAvailable();
        return source == null
                ? new MailBranding.Branding(properties.defaultSender().fromName(), null, null, null, null)
                : source.of(tenant);
    }

    private void sent(UUID id, String provider, String providerId, String to, String locale, boolean hadSecrets) {
        jdbc.update("""
                UPDATE email_deliveries SET status = 'sent', provider = ?, provider_message_id = ?, recipient = ?,
                    locale = ?, error = NULL, sent_at = now(), updated_at = now()
                WHERE id = ?
                """, provider, providerId, to, locale, id);
        if (hadSecrets) {
            // Most mails carry none: no credential lookup for them.
            forgetSecrets(id);
        }
    }

    /** Records the failure; throws to retry it when it may pass and attempts are left. */
    private void failed(
            UUID id, Pending pending, String to, String locale, String error, boolean permanent, Exception cause) {
        boolean last = permanent || pending.attempts() >= properties.delivery().maxAttempts();
        // Only the kind of failure is logged: a provider's message may quote the recipient.
        log.warn(
                "mail {} ({}) attempt {} failed{}: {}",
                id,
                pending.template().wireName(),
                pending.attempts(),
                last ? " for good" : "",
                cause.getClass().getSimpleName());
        tx.executeWithoutResult(status -> {
            jdbc.update(
                    """
                    UPDATE email_deliveries SET status = ?, error = ?, recipient = coalesce(?, recipient),
                        locale = coalesce(?, locale), provider = ?, updated_at = now()
                    WHERE id = ?
                    """,
                    last ? "failed" : "pending",
                    error.length() > 1000 ? error.substring(0, 1000) : error,
                    to,
                    locale,
                    pending.sender().provider(),
                    id);
            if (last) {
                forgetSecrets(id);
            }
        });
        if (!last) {
            throw new MailRetry(error);
        }
    }

    private void forgetSecrets(UUID id) {
        String scope = MailOutbox.secretsScope(id);
        credentials.readAll(scope).keySet().forEach(name -> credentials.remove(scope, name));
    }

    private Map<String, Object> read(String model) {
        try {
            return json.readValue(model, new TypeReference<Map<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Tells db-scheduler to try the delivery again after its back-off. */
    static final class MailRetry extends RuntimeException {

        MailRetry(String reason) {
            super(reason, null, false, false);
        }
    }
}
