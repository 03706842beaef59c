package dev.tenantcore.command.crm.channel;

import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.api.crm.conversation.ConversationId;
import dev.tenantcore.api.crm.conversation.MessageId;
import dev.tenantcore.api.crm.conversation.MessageStatus;
import dev.tenantcore.api.crm.conversation.MessageTemplate;
import dev.tenantcore.api.crm.conversation.RecordMessageStatusCommand;
import dev.tenantcore.infra.http.OutboundDeadline;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sends one queued message (see {@link ScheduledChannelSends}) on a scheduler thread: in the
 * message's tenant, with its channel's credentials, outside any transaction, and reports the outcome
 * to the conversation as a {@link RecordMessageStatusCommand}.
 *
 * <p>Never twice: none of the services takes an idempotency key, so the attempt is recorded as
 * {@code sending} in {@code crm_channel_sends} and committed before the call. An attempt that finds
 * the record still {@code sending} (the process died, or the answer timed out, after the request may
 * have left) does not send again: it fails the message as "not confirmed", and staff decide. A
 * failure that surely sent nothing (no connection; the provider's 429 or 5xx) is tried again with
 * back-off, {@link #MAX_ATTEMPTS} times in all; a refusal fails the message with the provider's reason.
 */
@Component
class ChannelSendRunner {

    static final int MAX_ATTEMPTS = 5;
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration TIME_LIMIT = Duration.ofSeconds(20);

    private static final Logger log = LoggerFactory.getLogger(ChannelSendRunner.class);

    private final ChannelDrivers drivers;
    private final ChannelDirectory directory;
    private final ObjectProvider<CommandGateway> commands;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Environment env;
    private final ChannelHealth health;

    ChannelSendRunner(
            ChannelDrivers drivers,
            ChannelDirectory directory,
            ObjectProvider<CommandGateway> commands,
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            Environment env,
            ChannelHealth health) {
        this.env = env;
        this.drivers = drivers;
        this.directory = directory;
        this.commands = commands;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactionManager);
        this.health = health;
    }

    OneTimeTask<ScheduledChannelSends.Due> task(String name) {
        return new OneTimeTask<>(
                name,
                ScheduledChannelSends.Due.class,
                // One more than the attempts that may call: the last one reports an unconfirmed send.
                new FailureHandler.MaxRetriesFailureHandler<>(
                        MAX_ATTEMPTS + 1, new FailureHandler.ExponentialBackoffFailureHandler<>(FIRST_RETRY))) {
            @Override
            public void executeOnce(TaskInstance<ScheduledChannelSends.Due> instance, ExecutionContext context) {
                run(instance.getData(), context.getExecution().consecutiveFailures + 1);
            }
        };
    }

    /** One attempt; throws to have db-scheduler try again later. */
    void run(ScheduledChannelSends.Due due, int attempt) {
        TenantId tenant = TenantId.of(due.tenantId());
        try (var scope = TenantContext.enter(tenant, null)) {
            MessageId message = MessageId.of(due.messageId());
            String state = tx.execute(status -> claim(message, ChannelId.of(due.channelId())));
            if ("done".equals(state)) {
                return;
            }
            if ("unconfirmed".equals(state)) {
                report(
                        due,
                        message,
                        MessageStatus.FAILED,
                        null,
                        "Not confirmed by the channel; it was not sent again. Check before resending.");
                return;
            }
            Optional<ChannelCredentials> credentials =
                    tx.execute(status -> directory.credentials(ChannelId.of(due.channelId())));
            String statusCallback = tx.execute(status -> directory.find(ChannelId.of(due.channelId())))
                    .map(this::webhookUrl)
                    .orElse(null);
            ChannelKind kind = ChannelKind.fromWireName(due.kind());
            Optional<ChannelDriver> driver = drivers.find(kind);
            if (credentials.isEmpty() || driver.isEmpty()) {
                report(due, message, MessageStatus.FAILED, null, "The channel is no longer connected.");
                return;
            }
            if (TransactionSynchronizationManager.isActualTransactionActive()) {
                throw new IllegalStateException("A channel must not be called inside a transaction.");
            }
            SentMessage sent;
            try (OutboundDeadline deadline = OutboundDeadline.start(TIME_LIMIT)) {
                sent = driver.get().send(credentials.get(), outbound(due, message, statusCallback));
            } catch (DomainException refused) {
                report(due, message, MessageStatus.FAILED, null, refused.getMessage());
                return;
            } catch (ChannelUnavailableException e) {
                if (e.maybeDelivered()) {
                    // Left "sending": the next attempt fails it as unconfirmed rather than send twice.
                    log.warn("{} send of message {} not confirmed: {}", kind.wireName(), message, e.getMessage());
                    throw e;
                }
                if (attempt >= MAX_ATTEMPTS) {
                    report(
                            due,
                            message,
                            MessageStatus.FAILED,
                            null,
                            "The channel could not be reached; the message was not sent.");
                    return;
                }
                tx.executeWithoutResult(status -> mark(message, "retry"));
                throw e;
            }
            report(due, message, MessageStatus.SENT, sent.providerMessageId(), null);
        }
    }

    /**
     * {@code send} when this attempt may call the provider (recorded as {@code sending} first),
     * {@code unconfirmed} when an earlier attempt may have sent it, {@code done} when it was reported.
     */
    private String claim(MessageId message, ChannelId channel) {
        List<String> states = jdbc.queryForList(
                "SELECT state FROM crm_channel_sends WHERE message_id = ? FOR UPDATE", String.class, message.value());
        if (states.isEmpty()) {
            jdbc.update(
                    "INSERT INTO crm_channel_sends (tenant_id, message_id, state, updated_at, channel_id)"
                            + " VALUES (app_current_tenant(), ?, 'sending', ?, ?)",
                    message.value(),
                    Timestamp.from(Instant.now()),
                    channel.value());
            return "send";
        }
        String state = states.get(0);
        if ("retry".equals(state)) {
            mark(message, "sending");
            return "send";
        }
        return "sending".equals(state) ? "unconfirmed" : "done";
    }

    private void mark(MessageId message, String state) {
        jdbc.update(
                "UPDATE crm_channel_sends SET state = ?, updated_at = ? WHERE message_id = ?",
                state,
                Timestamp.from(Instant.now()),
                message.value());
    }

    /** Records the outcome, on the message and in the channel's health, and marks the send done in one transaction. */
    private void report(
            ScheduledChannelSends.Due due, MessageId message, MessageStatus status, String providerId, String reason) {
        tx.executeWithoutResult(s -> {
            mark(message, "done");
            outcome(due, message, status, reason);
            commands.getObject()
                    .sendAndWait(new RecordMessageStatusCommand(
                            ConversationId.of(due.conversationId()), message, providerId, status, reason));
        });
    }

    /** The channel's public webhook URL, or null when {@code app.channels.public-url} is not set. */
    private String webhookUrl(ChannelDirectory.Channel channel) {
        String publicUrl = ChannelController.publicUrl(env);
        return publicUrl.isEmpty() || channel.endpointId() == null
                ? null
                : publicUrl + ChannelController.WEBHOOK_PATH + channel.endpointId();
    }

    private void outcome(ScheduledChannelSends.Due due, MessageId message, MessageStatus status, String reason) {
        Instant now = Instant.now();
        boolean sent = status != MessageStatus.FAILED;
        jdbc.update(
                "UPDATE crm_channel_sends SET outcome = ?, channel_id = ? WHERE message_id = ?",
                sent ? "sent" : "failed",
                UUID.fromString(due.channelId()),
                message.value());
        ChannelId channel = ChannelId.of(due.channelId());
        if (sent) {
            health.sent(channel, now);
        } else {
            health.failed(channel, reason, now);
        }
    }

    private static OutboundMessage outbound(ScheduledChannelSends.Due due, MessageId message, String statusCallback) {
        MessageTemplate template = due.templateName() == null
                ? null
                : new MessageTemplate(
                        due.templateName(), due.templateLanguage(), List.copyOf(due.templateParameters()));
        return new OutboundMessage(message, due.to(), due.text(), due.mediaUrl(), template, statusCallback);
    }
}
