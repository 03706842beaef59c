package dev.tenantcore.command.crm.channel.email;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.api.crm.conversation.ConversationId;
import dev.tenantcore.api.crm.conversation.ReceiveInboundMessageCommand;
import dev.tenantcore.command.crm.channel.ChannelCredentials;
import dev.tenantcore.command.crm.channel.ChannelDirectory;
import dev.tenantcore.command.crm.channel.ChannelHealth;
import dev.tenantcore.command.crm.channel.ChannelUnavailableException;
import dev.tenantcore.infra.tenancy.TenantContext;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.ComparisonTerm;
import jakarta.mail.search.ReceivedDateTerm;
import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Polls each email channel's mailbox: one db-scheduler task instance per channel ({@code
 * email-poll}, keyed by the channel id, queued when the channel is connected), which runs on a
 * scheduler thread, in the channel's tenant, and queues itself again {@code poll-interval} after it
 * ends; a disconnected channel's task ends for good. One tenant's slow or dead server holds only its
 * own poll, for at most {@code time-limit} per wait, never the others' (each runs on its own thread).
 *
 * <p>Each poll logs in, opens the folder read-only and reads the messages after the last UID handled
 * under the folder's UIDVALIDITY (at most {@code batch}, within {@code time-limit}); the first poll,
 * and one after the UIDVALIDITY changed, reads those that arrived since the channel was connected
 * (or last polled). Each message is recorded in a transaction of its own, once by its Message-ID:
 * into the conversation its {@code In-Reply-To}/{@code References} name, else into the conversation
 * of its sender's address. A failure is recorded on the channel ({@link EmailChannelRecords.Status})
 * and the next poll tries again.
 */
@Component
class MailboxPoller {

    static final String TASK = "email-poll";

    private static final Logger log = LoggerFactory.getLogger(MailboxPoller.class);

    /** A queued poll; db-scheduler stores it with Java serialization, so it holds plain values. */
    record Due(String tenantId, String channelId) implements Serializable {}

    private final ChannelDirectory directory;
    private final EmailChannelRecords records;
    private final ImapMailboxes mailboxes;
    private final ChannelHealth health;
    private final ObjectProvider<CommandGateway> commands;
    private final TransactionTemplate tx;
    private final Duration interval;
    private final Duration timeLimit;
    private final int batch;

    MailboxPoller(
            ChannelDirectory directory,
            EmailChannelRecords records,
            ImapMailboxes mailboxes,
            ChannelHealth health,
            ObjectProvider<CommandGateway> commands,
            PlatformTransactionManager transactionManager,
            @Value("${app.channels.email.poll-interval:PT1M}") Duration interval,
            @Value("${app.channels.email.time-limit:PT20S}") Duration timeLimit,
            @Value("${app.channels.email.batch:50}") int batch) {
        this.directory = directory;
        this.records = records;
        this.mailboxes = mailboxes;
        this.health = health;
        this.commands = commands;
        this.tx = new TransactionTemplate(transactionManager);
        this.interval = interval;
        this.timeLimit = timeLimit;
        this.batch = batch;
    }

    CustomTask<Due> task() {
        return Tasks.custom(TASK, Due.class)
                // Poll failures are caught and recorded; this is for what escapes (the database gone).
                .onFailure(new FailureHandler.OnFailureRetryLater<>(interval))
                .execute((instance, context) -> {
                    boolean connected = poll(instance.getData());
                    if (!connected) {
                        return (complete, operations) -> operations.remove();
                    }
                    return (CompletionHandler<Due>) (complete, operations) ->
                            operations.reschedule(complete, Instant.now().plus(interval));
                });
    }

    Duration timeLimit() {
        return timeLimit;
    }

    /** One poll of one channel; false when the channel is gone (its task ends). */
    boolean poll(Due due) {
        TenantId tenant = TenantId.of(due.tenantId());
        ChannelId channel = ChannelId.of(due.channelId());
        try (var scope = TenantContext.enter(tenant, null)) {
            Optional<ChannelDirectory.Channel> found = tx.execute(s -> directory.find(channel));
            Optional<ChannelCredentials> credentials = tx.execute(s -> directory.credentials(channel));
            if (found.isEmpty() || found.get().kind() != ChannelKind.EMAIL || credentials.isEmpty()) {
                return false;
            }
            try {
                read(tenant, channel, found.get(), credentials.get());
            } catch (DomainException | ChannelUnavailableException e) {
                failed(channel, e.getMessage());
            } catch (MessagingException | RuntimeException e) {
                failed(channel, "Reading the mailbox failed (" + e.getClass().getSimpleName() + ").");
            }
            return true;
        }
    }

    private void failed(ChannelId channel, String reason) {
        log.info("polling email channel {} failed: {}", channel, reason);
        // On the mailbox's own record, and on the channel's health (GET /channels/{id}/health).
        tx.executeWithoutResult(s -> {
            Instant now = Instant.now();
            records.failed(channel, reason, now);
            health.failed(channel, reason, now);
        });
    }

    private void read(
            TenantId tenant, ChannelId channel, ChannelDirectory.Channel found, ChannelCredentials credentials)
            throws MessagingException {
        EmailSettings settings = EmailSettings.of(credentials.settings());
        EmailChannelRecords.Mailbox state =
                tx.execute(s -> records.mailbox(channel)).orElse(null);
        Instant deadline = Instant.now().plus(timeLimit);
        String failure = null;
        try (ImapMailboxes.Open open =
                mailboxes.open(settings, credentials.secret(EmailChannelDriver.PASSWORD), timeLimit)) {
            Folder folder = open.folder();
            UIDFolder uids = (UIDFolder) folder;
            long validity = uids.getUIDValidity();
            boolean fresh = state == null || state.uidValidity() == null || state.uidValidity() != validity;
            long baseline;
            List<Message> candidates = new ArrayList<>();
            if (fresh) {
                // Not the mailbox's whole past: what arrived since the channel was connected (or last polled).
                int count = folder.getMessageCount();
                baseline = count == 0 ? 0 : uids.getUID(folder.getMessage(count));
                Instant since = state == null || state.lastPollAt() == null ? found.createdAt() : state.lastPollAt();
                Instant from = since.minus(1, ChronoUnit.MINUTES);
                Message[] recent = folder.search(
                        new ReceivedDateTerm(ComparisonTerm.GE, Date.from(since.minus(1, ChronoUnit.DAYS))));
                for (Message message : recent) {
                    Date received = message.getReceivedDate();
                    if (received == null || !received.toInstant().isBefore(from)) {
                        candidates.add(message);
                    }
                }
            } else {
                baseline = state.lastUid();
                for (Message message : uids.getMessagesByUID(state.lastUid() + 1, UIDFolder.MAXUID)) {
                    // A range past the last UID still answers the last message: skip what was handled.
                    if (uids.getUID(message) > state.lastUid()) {
                        candidates.add(message);
                    }
                }
            }
            candidates.sort(Comparator.comparingLong(m -> uid(uids, m)));
            long handledUpTo = baseline;
            int handled = 0;
            for (Message message : candidates) {
                if (handled >= batch || Instant.now().isAfter(deadline)) {
                    break;
                }
                long uid = uid(uids, message);
                try {
                    handle(tenant, channel, settings, message, uid, validity);
                } catch (MessagingException | java.io.IOException | RuntimeException e) {
                    // Skipped, not retried for ever: one unreadable mail must not stop the mailbox.
                    failure = "Mail UID " + uid + " could not be recorded ("
                            + e.getClass().getSimpleName() + ").";
                    log.warn("email channel {}: {}", channel, failure, e);
                }
                handled++;
                handledUpTo = Math.max(handledUpTo, uid);
            }
            boolean all = handled == candidates.size();
            long upTo = fresh && all ? Math.max(baseline, handledUpTo) : handledUpTo;
            // A first poll cut short starts over next time (the mails it recorded are known by then).
            if (!fresh || all) {
                tx.executeWithoutResult(s -> records.advanced(channel, validity, upTo));
            }
        }
        String lastFailure = failure;
        tx.executeWithoutResult(s -> {
            records.polled(channel, Instant.now());
            if (lastFailure != null) {
                records.failed(channel, lastFailure, Instant.now());
            }
        });
    }

    private static long uid(UIDFolder uids, Message message) {
        try {
            return uids.getUID(message);
        } catch (MessagingException e) {
            throw new IllegalStateException("no UID", e);
        }
    }

    /** Records one mail in the conversation it belongs to, in a transaction of its own; once by its Message-ID. */
    private void handle(
            TenantId tenant, ChannelId channel, EmailSettings settings, Message message, long uid, long validity)
            throws MessagingException, java.io.IOException {
        String fallbackId = "<" + validity + "." + uid + "." + channel.value() + "@imap.invalid>";
        InboundMail mail = InboundMail.read(message, fallbackId, validity, uid);
        if (mail.fromAddress() == null || mail.fromAddress().equals(settings.address())) {
            return; // no one to answer, or a copy of our own reply
        }
        tx.executeWithoutResult(s -> {
            if (records.known(channel, mail.messageId())) {
                return;
            }
            EmailChannelRecords.Thread thread = records.thread(channel, mail.answers())
                    .orElseGet(() -> new EmailChannelRecords.Thread(
                            ConversationId.of(tenant, channel, mail.fromAddress()), mail.fromAddress()));
            Instant now = Instant.now();
            records.record(
                    channel,
                    mail.messageId(),
                    thread.conversation(),
                    thread.channelUserId(),
                    "inbound",
                    mail.subject(),
                    now);
            commands.getObject()
                    .sendAndWait(new ReceiveInboundMessageCommand(
                            thread.conversation(),
                            channel,
                            ChannelKind.EMAIL,
                            thread.channelUserId(),
                            mail.fromName() == null || mail.fromName().isBlank() ? mail.fromAddress() : mail.fromName(),
                            mail.messageId(),
                            mail.text(),
                            mail.attachmentType(),
                            mail.attachmentRef(),
                            mail.sentAt()));
            records.received(channel, now);
        });
    }
}
