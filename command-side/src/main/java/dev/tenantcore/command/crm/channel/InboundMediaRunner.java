package dev.tenantcore.command.crm.channel;

import com.github.kagkarlsson.scheduler.task.ExecutionContext;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.api.crm.conversation.ConversationId;
import dev.tenantcore.api.crm.conversation.MessageId;
import dev.tenantcore.api.crm.conversation.RecordMessageMediaCommand;
import dev.tenantcore.api.media.MediaId;
import dev.tenantcore.command.common.MediaIntake;
import dev.tenantcore.infra.http.OutboundDeadline;
import dev.tenantcore.infra.http.OutboundHttp;
import dev.tenantcore.infra.http.RefusedAddressException;
import dev.tenantcore.infra.http.ResponseTooLargeException;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Fetches one inbound attachment (see {@link ScheduledInboundMedia}) on a scheduler thread, in the
 * message's tenant, outside any transaction: the driver says where it is and with which auth
 * ({@link ChannelDriver#media}), the bytes come through {@link OutboundHttp} (the address guard, also
 * on every redirect) capped at {@code app.channels.inbound-media.max-bytes} — or, for a channel that
 * holds its attachments itself (email's IMAP mailbox), from the driver ({@link
 * ChannelDriver#mediaBytes}) under the same cap — and the media context
 * stores them ({@link MediaIntake}: type sniffed from the bytes). The conversation then hears the
 * outcome ({@link RecordMessageMediaCommand}).
 *
 * <p>Once: the task is keyed by the message id, and the media item's id derives from it, so a
 * retried task or a second run finds the item recorded and fetches nothing. What may pass (no
 * connection, the provider's 429 or 5xx) is tried again with back-off, {@link #MAX_ATTEMPTS} times
 * in all; then, or at once on a refusal, the attachment is {@code unavailable} with the reason; over
 * the cap it is {@code too_large} and nothing is kept.
 */
@Component
class InboundMediaRunner implements DisposableBean {

    static final int MAX_ATTEMPTS = 5;
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration TIME_LIMIT = Duration.ofSeconds(60);
    static final int MAX_REDIRECTS = 3;

    private static final Logger log = LoggerFactory.getLogger(InboundMediaRunner.class);

    private final ChannelDrivers drivers;
    private final ChannelDirectory directory;
    private final ObjectProvider<CommandGateway> commands;
    private final ObjectProvider<MediaIntake> intake;
    private final TransactionTemplate tx;
    private final OutboundHttp.Client http;
    private final Duration firstRetry;
    private final int maxBytes;
    /** Only where tests lift the address rule for stubs on 127.0.0.1: production fetches https only. */
    private final boolean plainHttp;

    InboundMediaRunner(
            ChannelDrivers drivers,
            ChannelDirectory directory,
            ObjectProvider<CommandGateway> commands,
            ObjectProvider<MediaIntake> intake,
            PlatformTransactionManager transactionManager,
            OutboundHttp outbound,
            @Value("${app.channels.inbound-media.max-bytes:10485760}") int maxBytes,
            @Value("${app.channels.inbound-media.first-retry:PT5S}") Duration firstRetry) {
        this.drivers = drivers;
        this.directory = directory;
        this.commands = commands;
        this.intake = intake;
        this.tx = new TransactionTemplate(transactionManager);
        this.http = outbound.client("tenantcore-media", outbound.defaults().withMaxResponseBytes(maxBytes));
        this.firstRetry = firstRetry;
        this.maxBytes = maxBytes;
        this.plainHttp = outbound.allowsPrivateAddresses();
    }

    OneTimeTask<ScheduledInboundMedia.Due> task(String name) {
        return new OneTimeTask<>(
                name,
                ScheduledInboundMedia.Due.class,
                new FailureHandler.MaxRetriesFailureHandler<>(
                        MAX_ATTEMPTS, new FailureHandler.ExponentialBackoffFailureHandler<>(firstRetry))) {
            @Override
            public void executeOnce(TaskInstance<ScheduledInboundMedia.Due> instance, ExecutionContext context) {
                run(instance.getData(), context.getExecution().consecutiveFailures + 1);
            }
        };
    }

    /** The media item an inbound message's attachment becomes: the same id on every attempt. */
    static MediaId mediaIdOf(MessageId message) {
        return new MediaId(
                UUID.nameUUIDFromBytes(("inbound-media:" + message.value()).getBytes(StandardCharsets.UTF_8)));
    }

    /** One attempt; throws to have db-scheduler try again later. */
    void run(ScheduledInboundMedia.Due due, int attempt) {
        TenantId tenant = TenantId.of(due.tenantId());
        try (var scope = TenantContext.enter(tenant, null)) {
            MessageId message = MessageId.of(due.messageId());
            MediaId media = mediaIdOf(message);
            MediaIntake files = intake.getObject();
            if (files.has(media)) {
                record(due, message, media, null, null);
                return;
            }
            ChannelId channel = ChannelId.of(due.channelId());
            Optional<ChannelCredentials> credentials = tx.execute(s -> directory.credentials(channel));
            Optional<ChannelDriver> driver = drivers.find(ChannelKind.fromWireName(due.kind()));
            if (credentials.isEmpty() || driver.isEmpty()) {
                record(due, message, null, "unavailable", "The channel is no longer connected.");
                return;
            }
            try (OutboundDeadline deadline = OutboundDeadline.start(TIME_LIMIT)) {
                // Email's attachments are in the mailbox, not behind a URL: the driver reads them itself.
                Optional<byte[]> held = driver.get().mediaBytes(credentials.get(), due.mediaRef(), maxBytes);
                byte[] bytes = held.isPresent()
                        ? held.get()
                        : AttachmentDownloads.fetch(
                                http, plainHttp, driver.get().media(credentials.get(), due.mediaRef()));
                files.store(tenant, media, new ByteArrayInputStream(bytes), fileName(due));
                record(due, message, media, null, null);
            } catch (ResponseTooLargeException e) {
                record(due, message, null, "too_large", "The attachment is larger than this service fetches.");
            } catch (RefusedAddressException e) {
                record(due, message, null, "unavailable", "The attachment's address is not a public one.");
            } catch (DomainException refused) {
                if (refused.code() == ErrorCode.PAYLOAD_TOO_LARGE) {
                    record(due, message, null, "too_large", refused.getMessage());
                } else {
                    record(due, message, null, "unavailable", refused.getMessage());
                }
            } catch (ChannelUnavailableException | IOException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    record(due, message, null, "unavailable", "The attachment could not be fetched: " + what(e));
                    return;
                }
                log.info("attachment of message {} not fetched yet (attempt {}): {}", message, attempt, what(e));
                throw new ChannelUnavailableException("attachment not fetched: " + what(e), false);
            }
        }
    }

    private void record(ScheduledInboundMedia.Due due, MessageId message, MediaId media, String state, String reason) {
        commands.getObject()
                .sendAndWait(new RecordMessageMediaCommand(
                        ConversationId.of(due.conversationId()),
                        message,
                        media,
                        media == null ? state : "stored",
                        reason == null || reason.length() <= ProviderAnswers.MAX_REASON
                                ? reason
                                : reason.substring(0, ProviderAnswers.MAX_REASON)));
    }

    private static String fileName(ScheduledInboundMedia.Due due) {
        String ref = due.mediaRef() == null ? "" : due.mediaRef();
        String last = ref.substring(ref.lastIndexOf('/') + 1);
        int query = last.indexOf('?');
        last = query < 0 ? last : last.substring(0, query);
        return last.isBlank() || last.length() > 100 ? due.mediaType() : last;
    }

    private static String what(Exception e) {
        return e instanceof ChannelUnavailableException
                ? e.getMessage()
                : e.getClass().getSimpleName();
    }

    @Override
    public void destroy() throws IOException {
        http.close();
    }
}
