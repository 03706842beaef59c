package dev.tenantcore.infra.mail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.credentials.TenantCredentials;
import dev.tenantcore.infra.persistence.AfterCommit;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Queues mails. A mail is a row of {@code email_deliveries} and a db-scheduler task, both written in
 * the caller's transaction (db-scheduler's data source takes part in it): they commit with whatever
 * caused the mail, or not at all. The row's key is the cause, so queueing the same cause again —
 * an event delivered twice, replayed, or handled on another node — queues nothing.
 */
@Component
public class MailOutbox {

    /** A queued mail's secrets live in the credential store under this scope until it is sent. */
    static String secretsScope(UUID delivery) {
        return "email.delivery." + delivery;
    }

    private final JdbcTemplate jdbc;
    private final ObjectMapper json;
    private final TenantCredentials credentials;
    private final OneTimeTask<MailDelivery.Due> task;
    private final Scheduler scheduler;
    private final MailProperties properties;

    MailOutbox(
            JdbcTemplate jdbc,
            ObjectMapper json,
            TenantCredentials credentials,
            OneTimeTask<MailDelivery.Due> emailDeliveryTask,
            @Lazy Scheduler scheduler,
            MailProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.credentials = credentials;
        this.task = emailDeliveryTask;
        this.scheduler = scheduler;
        this.properties = properties;
    }

    /**
     * Queues {@code mail} in the current tenant, inside the current transaction. Returns the new
     * delivery's id, or empty when a mail with that key was queued before.
     */
    public Optional<UUID> enqueue(OutgoingMail mail) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("A mail is queued inside the transaction of what causes it.");
        }
        TenantId tenant = TenantContext.current()
                .filter(t -> !t.isPlatform())
                .orElseThrow(() -> new IllegalStateException("A mail is queued in a tenant."));
        UUID id = UUID.randomUUID();
        int inserted = jdbc.update(
                """
                INSERT INTO email_deliveries (tenant_id, id, message_key, template, locale, recipient,
                    recipient_user_id, model, attachment, status, attempts, message_id, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, 'pending', 0, ?, now(), now())
                ON CONFLICT (tenant_id, message_key) DO NOTHING
                """,
                tenant.value(),
                id,
                mail.key(),
                mail.template().wireName(),
                mail.locale(),
                mail.recipient(),
                mail.recipientUser() == null ? null : mail.recipientUser().value(),
                write(mail.model()),
                mail.attachment(),
                "<" + id + "@" + properties.messageIdHost() + ">");
        if (inserted == 0) {
            return Optional.empty();
        }
        for (Map.Entry<String, String> secret : mail.secrets().entrySet()) {
            credentials.put(secretsScope(id), secret.getKey(), secret.getValue());
        }
        schedule(tenant, id);
        return Optional.of(id);
    }

    /** Schedules the delivery's sending now, unless it is scheduled already; looks at once after commit. */
    void schedule(TenantId tenant, UUID id) {
        scheduler.scheduleIfNotExists(
                task.instance(id.toString(), new MailDelivery.Due(tenant.toString(), id.toString())), Instant.now());
        AfterCommit.run(scheduler::triggerCheckForDueExecutions);
    }

    private String write(Map<String, Object> model) {
        try {
            return json.writeValueAsString(model);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("a mail's model must be JSON", e);
        }
    }
}
