package dev.tenantcore.command.crm.channel.email;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.api.crm.conversation.ConversationId;
import dev.tenantcore.command.crm.channel.ChannelCredentials;
import dev.tenantcore.command.crm.channel.ChannelDriver;
import dev.tenantcore.command.crm.channel.ChannelIdentity;
import dev.tenantcore.command.crm.channel.ChannelUnavailableException;
import dev.tenantcore.command.crm.channel.InboundDelivery;
import dev.tenantcore.command.crm.channel.OutboundMessage;
import dev.tenantcore.command.crm.channel.ProviderAnswers;
import dev.tenantcore.command.crm.channel.SentMessage;
import dev.tenantcore.infra.mail.ChannelMail;
import dev.tenantcore.infra.mail.MailProperties;
import dev.tenantcore.infra.mail.MailTransportException;
import dev.tenantcore.infra.persistence.AfterCommit;
import dev.tenantcore.infra.tenancy.TenantContext;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.UIDFolder;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.HtmlUtils;

/**
 * Email as a channel: customers' mail is fetched from the channel's IMAP mailbox ({@link
 * MailboxPoller}), replies go out through the tenant's own mail sender (its SMTP or SendGrid settings,
 * see {@link ChannelMail}) from the channel's address. The channel user id is the customer's address.
 *
 * <p>A reply continues its thread: {@code Subject} is "Re: " and the thread's subject, {@code
 * In-Reply-To} the customer's last mail, {@code References} the thread's mails; its {@code
 * Message-ID} is derived from our message id ({@code <message id@app.email.message-id-host>}) and
 * recorded before the send, so a retry carries the same id and a receiver recognises it, and a
 * customer's answer to it finds the conversation.
 */
@Component
class EmailChannelDriver implements ChannelDriver {

    static final String PASSWORD = "imapPassword";

    private final ImapMailboxes mailboxes;
    private final EmailChannelRecords records;
    private final ChannelMail mail;
    private final MailProperties mailProperties;
    private final ObjectProvider<Scheduler> scheduler;
    private final ObjectProvider<CustomTask<MailboxPoller.Due>> pollTask;
    private final MailboxPoller poller;
    private final TransactionTemplate tx;

    EmailChannelDriver(
            ImapMailboxes mailboxes,
            EmailChannelRecords records,
            ChannelMail mail,
            MailProperties mailProperties,
            ObjectProvider<Scheduler> scheduler,
            ObjectProvider<CustomTask<MailboxPoller.Due>> pollTask,
            MailboxPoller poller,
            PlatformTransactionManager transactionManager) {
        this.mailboxes = mailboxes;
        this.records = records;
        this.mail = mail;
        this.mailProperties = mailProperties;
        this.scheduler = scheduler;
        this.pollTask = pollTask;
        this.poller = poller;
        this.tx = new TransactionTemplate(transactionManager);
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.EMAIL;
    }

    @Override
    public Set<String> secretNames() {
        return Set.of(PASSWORD);
    }

    @Override
    public boolean needsAccountId() {
        return false;
    }

    @Override
    public Map<String, String> settings(Map<String, String> given) {
        return EmailSettings.of(given).asMap();
    }

    @Override
    public boolean webhooks() {
        return false;
    }

    /** Queues the channel's first poll in the connecting transaction; each poll queues the next. */
    @Override
    public void connected(TenantId tenant, ChannelId channel) {
        MailboxPoller.Due due = new MailboxPoller.Due(tenant.toString(), channel.toString());
        Scheduler tasks = scheduler.getObject();
        tasks.scheduleIfNotExists(pollTask.getObject().instance(channel.toString(), due), Instant.now());
        AfterCommit.run(tasks::triggerCheckForDueExecutions);
    }

    /** Logs in to the IMAP server and opens the folder, reading nothing. */
    @Override
    public ChannelIdentity validate(ChannelCredentials credentials) {
        EmailSettings settings = EmailSettings.of(credentials.settings());
        try (ImapMailboxes.Open open = mailboxes.open(settings, credentials.secret(PASSWORD), poller.timeLimit())) {
            return new ChannelIdentity(
                    settings.address(),
                    settings.imapUsername() + " at " + settings.imapHost() + " (" + settings.folder() + ")");
        }
    }

    @Override
    public SentMessage send(ChannelCredentials credentials, OutboundMessage message) {
        if (message.template() != null) {
            throw ProviderAnswers.refused("Email channels send no templates.");
        }
        EmailSettings settings = EmailSettings.of(credentials.settings());
        ChannelId channel = credentials.channelId();
        TenantId tenant = TenantContext.requireTenant("an email reply is sent in its tenant");
        ConversationId conversation = ConversationId.of(tenant, channel, message.to());
        String messageId = "<" + message.messageId() + "@" + mailProperties.messageIdHost() + ">";
        EmailChannelRecords.Reply thread = tx.execute(s -> {
            EmailChannelRecords.Reply reply =
                    records.reply(channel, conversation).orElse(null);
            // Recorded before the send: an answer to it threads here even if the outcome is never known.
            records.record(
                    channel,
                    messageId,
                    conversation,
                    message.to(),
                    "outbound",
                    reply == null ? null : reply.subject(),
                    Instant.now());
            return reply;
        });
        String subject = subject(thread == null ? null : thread.subject());
        String text = message.text() == null ? "" : message.text();
        if (message.mediaUrl() != null) {
            text = text.isEmpty() ? message.mediaUrl() : text + "\n\n" + message.mediaUrl();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        if (thread != null) {
            headers.put("In-Reply-To", thread.inReplyTo());
            headers.put("References", String.join(" ", thread.references()));
        }
        String html = "<p>" + HtmlUtils.htmlEscape(text).replace("\n", "<br>") + "</p>";
        try {
            String id = mail.send(
                    new ChannelMail.Mail(settings.address(), message.to(), subject, text, html, messageId, headers));
            return new SentMessage(id == null ? messageId : id);
        } catch (MailTransportException e) {
            if (e.permanent()) {
                throw ProviderAnswers.refused(e.getMessage());
            }
            // Every attempt carries the same Message-ID, so a receiver sees a repeat as the same mail.
            throw new ChannelUnavailableException(e.getMessage(), false);
        }
    }

    /** "Re: " and the thread's subject, without piling up "Re: Re: ". */
    static String subject(String thread) {
        String base = thread == null ? "" : thread.strip();
        while (base.regionMatches(true, 0, "re:", 0, 3)) {
            base = base.substring(3).strip();
        }
        return base.isEmpty() ? "Re: your message" : "Re: " + base;
    }

    /**
     * An attachment's bytes, read again from the mail in the channel's mailbox that its reference
     * names ({@code imap:<uidvalidity>/<uid>/<part>/<name>}): the folder must still have that
     * UIDVALIDITY and the mail that UID; the part is decoded and read up to {@code maxBytes}.
     */
    @Override
    public Optional<byte[]> mediaBytes(ChannelCredentials credentials, String mediaRef, int maxBytes) {
        InboundMail.Reference ref = InboundMail.Reference.parse(mediaRef)
                .orElseThrow(() -> ProviderAnswers.refused("The attachment's reference names no mail of the mailbox."));
        EmailSettings settings = EmailSettings.of(credentials.settings());
        try (ImapMailboxes.Open open = mailboxes.open(settings, credentials.secret(PASSWORD), poller.timeLimit())) {
            UIDFolder uids = (UIDFolder) open.folder();
            if (uids.getUIDValidity() != ref.uidValidity()) {
                throw ProviderAnswers.refused("The mailbox was renumbered (UIDVALIDITY changed): the mail is gone.");
            }
            Message message = uids.getMessageByUID(ref.uid());
            Part part = message == null ? null : InboundMail.partAt(message, ref.part());
            if (part == null) {
                throw ProviderAnswers.refused("The mail or its attachment is no longer in the mailbox.");
            }
            try (InputStream in = part.getInputStream()) {
                byte[] bytes = in.readNBytes(maxBytes + 1);
                if (bytes.length > maxBytes) {
                    throw new DomainException(
                            ErrorCode.PAYLOAD_TOO_LARGE, "The attachment is larger than this service fetches.");
                }
                if (bytes.length == 0) {
                    throw ProviderAnswers.refused("The attachment is empty.");
                }
                return Optional.of(bytes);
            }
        } catch (MessagingException | IOException e) {
            throw new ChannelUnavailableException(
                    "The attachment could not be read from the mailbox ("
                            + e.getClass().getSimpleName() + ").",
                    false);
        }
    }

    /** Mail is fetched from the mailbox, never delivered to a webhook: every delivery there is refused. */
    @Override
    public InboundDelivery verify(ChannelCredentials credentials, Map<String, String> headers, String body) {
        throw ProviderAnswers.unverified();
    }
}
