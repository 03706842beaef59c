package dev.tenantcore.command.crm;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.MetadataKeys;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.conversation.AddPrivateNoteCommand;
import dev.tenantcore.api.crm.conversation.AssignConversationCommand;
import dev.tenantcore.api.crm.conversation.AssignConversationInTurnCommand;
import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.api.crm.conversation.ConversationAssignedEvent;
import dev.tenantcore.api.crm.conversation.ConversationId;
import dev.tenantcore.api.crm.conversation.ConversationLabelledEvent;
import dev.tenantcore.api.crm.conversation.ConversationMessageMediaStoredEvent;
import dev.tenantcore.api.crm.conversation.ConversationMessageMediaUnavailableEvent;
import dev.tenantcore.api.crm.conversation.ConversationPriority;
import dev.tenantcore.api.crm.conversation.ConversationPriorityChangedEvent;
import dev.tenantcore.api.crm.conversation.ConversationReadEvent;
import dev.tenantcore.api.crm.conversation.ConversationSnoozedEvent;
import dev.tenantcore.api.crm.conversation.ConversationStartedEvent;
import dev.tenantcore.api.crm.conversation.ConversationStatus;
import dev.tenantcore.api.crm.conversation.ConversationStatusChangedEvent;
import dev.tenantcore.api.crm.conversation.ConversationUnlabelledEvent;
import dev.tenantcore.api.crm.conversation.InboundMessageReceivedEvent;
import dev.tenantcore.api.crm.conversation.LabelConversationCommand;
import dev.tenantcore.api.crm.conversation.MarkConversationReadCommand;
import dev.tenantcore.api.crm.conversation.MessageId;
import dev.tenantcore.api.crm.conversation.MessageStatus;
import dev.tenantcore.api.crm.conversation.MessageStatusChangedEvent;
import dev.tenantcore.api.crm.conversation.MessageTemplate;
import dev.tenantcore.api.crm.conversation.OutboundMessageRequestedEvent;
import dev.tenantcore.api.crm.conversation.PrivateNoteAddedEvent;
import dev.tenantcore.api.crm.conversation.ReceiveInboundMessageCommand;
import dev.tenantcore.api.crm.conversation.RecordMessageMediaCommand;
import dev.tenantcore.api.crm.conversation.RecordMessageStatusCommand;
import dev.tenantcore.api.crm.conversation.RecordReadWatermarkCommand;
import dev.tenantcore.api.crm.conversation.ReopenConversationCommand;
import dev.tenantcore.api.crm.conversation.ResolveConversationCommand;
import dev.tenantcore.api.crm.conversation.SendMessageCommand;
import dev.tenantcore.api.crm.conversation.SetConversationPriorityCommand;
import dev.tenantcore.api.crm.conversation.SnoozeConversationCommand;
import dev.tenantcore.api.crm.conversation.UnlabelConversationCommand;
import dev.tenantcore.command.common.ContactConversations;
import dev.tenantcore.command.common.Rules;
import dev.tenantcore.command.crm.channel.ChannelSends;
import dev.tenantcore.command.crm.channel.InboundMediaFetches;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;

/**
 * One customer's conversation with a tenant on one channel, with its messages.
 *
 * <p>Invariants:
 *
 * <ul>
 *   <li>There is one per (tenant, channel, channel user id): its id derives from the three ({@link
 *       ConversationId#of(TenantId, ChannelId, String)}), so the first inbound message creates it and
 *       every later one finds it without a lookup. It does not extend {@code TenantOwned}, whose guard
 *       would refuse that first command; {@link #guardTenant} does the same for every other command.
 *   <li>A provider's message id is recorded once: a redelivered message changes nothing.
 *   <li>An outbound message's status only moves forward (pending → sent → delivered → read, or
 *       failed): a repeat, or a late "delivered" after "read", changes nothing. A read watermark
 *       (Messenger) reads every message recorded as sent at or before it that is still sent or
 *       delivered; an older watermark finds nothing left to read.
 *   <li>On a channel with a messaging window (WhatsApp, Messenger, Instagram: 24 h), free-form messages are refused
 *       with {@code outside_messaging_window} unless the customer wrote within it; templates are not.
 *   <li>A customer's message reopens a resolved conversation.
 *   <li>A snoozed conversation opens again when its snooze ends (a durable deadline in this
 *       aggregate's scope) or when the customer writes, whichever comes first; reopening, resolving
 *       or snoozing it again cancels the deadline, and a deadline that fires for a snooze no longer
 *       in force changes nothing.
 *   <li>Labels are normalised like contact tags, at most {@link #MAX_LABELS}; adding one it has or
 *       removing one it lacks changes nothing, as does setting the priority it has.
 *   <li>Each staff user has their own read mark: "read" by one does not clear another's unread.
 *   <li>Each message in or out, and each change between resolved and not, is written to {@link
 *       ContactConversations} in the command's transaction, so automations find the contact's latest
 *       conversation that is not resolved from the command side's own state.
 *   <li>An inbound attachment is fetched into the tenant's media store once: queued with its message
 *       ({@link InboundMediaFetches}), and its outcome (stored as a media item, too large, or
 *       unavailable) recorded once; a later outcome for the same message changes nothing.
 * </ul>
 */
@Aggregate
// Snapshots taken before conversations remembered their contact lack it; Axon skips snapshots of
// another revision and sources the conversation from its events instead.
@Revision("2")
@JsonAutoDetect(
        fieldVisibility = JsonAutoDetect.Visibility.ANY,
        getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
public class Conversation {

    public static final int TEXT_LENGTH = 4096;
    public static final int URL_LENGTH = 2048;
    static final int NAME_LENGTH = 200;
    /** How far ahead a conversation may be snoozed. */
    public static final Duration MAX_SNOOZE = Duration.ofDays(90);

    public static final int MAX_LABELS = 20;
    static final String SNOOZE_DEADLINE = "conversation-snooze";

    /** The snooze deadline's payload: which snooze it ends, so an outdated one is recognised. */
    public record SnoozeEnded(Instant until) {}

    @AggregateIdentifier
    private ConversationId id;

    private TenantId tenantId;
    private ChannelId channelId;
    private ChannelKind kind;
    private String channelUserId;
    /** Whose personal data the messages' texts are: they are encrypted under this contact's key. */
    private ContactId contactId;

    private ConversationStatus status;
    private UserId assignee;
    private Instant lastInboundAt;
    private MessageId lastInbound;
    private MessageId lastRead;
    private Set<String> inboundIds = new HashSet<>();
    /** Outbound messages' statuses by message id (as text: snapshots keep map keys as strings). */
    private Map<String, MessageStatus> outbound = new HashMap<>();
    /** When each outbound message was recorded as sent, by message id. */
    private Map<String, Instant> sentAt = new HashMap<>();
    /** Our message id of each provider message id. */
    private Map<String, String> byProviderId = new HashMap<>();

    private Instant snoozedUntil;
    private ConversationPriority priority = ConversationPriority.NONE;
    private Set<String> labels = new LinkedHashSet<>();
    /** The last inbound message each staff user read, by user id. */
    private Map<String, String> readBy = new HashMap<>();
    /** Inbound attachments by message id: {@code pending} until fetched, then their outcome. */
    private Map<String, String> media = new HashMap<>();

    protected Conversation() {}

    /** Every command but the first inbound message finds an aggregate of the caller's tenant, or none. */
    @CommandHandlerInterceptor
    public Object guardTenant(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        if (!(command.getPayload() instanceof ReceiveInboundMessageCommand)) {
            Object caller = command.getMetaData().get(MetadataKeys.TENANT_ID);
            if (tenantId == null || caller == null || !tenantId.equals(TenantId.of(caller.toString()))) {
                throw new AggregateNotFoundException(String.valueOf(id), "The resource does not exist.");
            }
        }
        return chain.proceed();
    }

    /** Records a customer's message; the first one of a channel user starts the conversation. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public long handle(
            ReceiveInboundMessageCommand command,
            @MetaDataValue(MetadataKeys.TENANT_ID) String tenant,
            ConversationContacts contacts,
            InboxAssignments assignments,
            DeadlineManager deadlines,
            InboundMediaFetches fetches,
            ContactConversations latest) {
        if (tenant == null
                || command.channelId() == null
                || command.kind() == null
                || command.channelUserId() == null
                || !Objects.equals(
                        command.conversationId(),
                        ConversationId.of(TenantId.of(tenant), command.channelId(), command.channelUserId()))) {
            throw new AggregateNotFoundException(
                    String.valueOf(command.conversationId()), "The resource does not exist.");
        }
        String providerId = Rules.text("providerMessageId", command.providerMessageId(), 200);
        if (inboundIds.contains(providerId)) {
            return getVersion();
        }
        if (id == null) {
            String name = command.userName() == null || command.userName().isBlank()
                    ? command.channelUserId()
                    : truncated(command.userName().strip(), NAME_LENGTH);
            ContactId contact = contacts.contactFor(command.kind(), command.channelUserId(), name);
            apply(new ConversationStartedEvent(
                    command.conversationId(),
                    TenantId.of(tenant),
                    command.channelId(),
                    command.kind(),
                    command.channelUserId(),
                    name,
                    contact));
            assignments.next().ifPresent(assigned -> apply(new ConversationAssignedEvent(id, assigned, null)));
        } else if (status == ConversationStatus.RESOLVED) {
            apply(new ConversationStatusChangedEvent(id, ConversationStatus.OPEN));
        } else if (status == ConversationStatus.SNOOZED) {
            deadlines.cancelAllWithinScope(SNOOZE_DEADLINE);
            apply(new ConversationStatusChangedEvent(id, ConversationStatus.OPEN));
        }
        InboundMessageReceivedEvent received = new InboundMessageReceivedEvent(
                id,
                inboundMessageId(id, providerId),
                providerId,
                command.text() == null ? null : truncated(command.text(), TEXT_LENGTH),
                truncated(command.mediaType(), 40),
                command.mediaRef() == null || command.mediaRef().length() <= URL_LENGTH
                        ? command.mediaRef()
                        // Cut short it would name nothing: kept as text only, never fetched.
                        : null,
                command.sentAt(),
                contactId);
        apply(received);
        if (received.mediaRef() != null && !received.mediaRef().isBlank()) {
            fetches.queue(tenantId, channelId, kind, received);
        }
        latest.record(id, contactId, status, GenericEventMessage.clock.instant());
        return getVersion();
    }

    /**
     * Records the reply as pending and queues it for the channel, in this command's transaction: if
     * the command fails nothing is sent, and once it commits the send is made after it, once.
     */
    @CommandHandler
    public long handle(
            SendMessageCommand command,
            @MetaDataValue(MetadataKeys.USER_ID) String user,
            ChannelSends sends,
            ContactConversations latest) {
        if (command.messageId() == null) {
            throw Rules.invalid("messageId is required");
        }
        if (outbound.containsKey(command.messageId().toString())) {
            return getVersion();
        }
        String text = Rules.optionalText("text", blankToNull(command.text()), TEXT_LENGTH);
        String mediaUrl = command.mediaUrl() == null ? null : httpsUrl(command.mediaUrl());
        MessageTemplate template = command.template() == null ? null : template(command.template());
        if (template != null && (text != null || mediaUrl != null)) {
            throw Rules.invalid("a template is sent on its own, without text or mediaUrl");
        }
        if (template == null && text == null && mediaUrl == null) {
            throw Rules.invalid("a message needs text, mediaUrl or a template");
        }
        if (template == null && outsideWindow()) {
            throw new DomainException(
                    ErrorCode.OUTSIDE_MESSAGING_WINDOW,
                    "The customer last wrote more than "
                            + kind.messagingWindow().toHours()
                            + (kind.templates()
                                    ? " hours ago: only an approved template may be sent now."
                                    : " hours ago: " + kind.wireName() + " takes no reply until they write again."));
        }
        OutboundMessageRequestedEvent event = new OutboundMessageRequestedEvent(
                id,
                command.messageId(),
                channelId,
                kind,
                channelUserId,
                text,
                mediaUrl,
                template,
                user == null ? null : UserId.of(user),
                contactId);
        apply(event);
        sends.queue(tenantId, event);
        latest.record(id, contactId, status, GenericEventMessage.clock.instant());
        return getVersion();
    }

    /** What the channel said about an outbound message; anything but a step forward changes nothing. */
    @CommandHandler
    public long handle(RecordMessageStatusCommand command) {
        String known = command.providerMessageId() == null ? null : byProviderId.get(command.providerMessageId());
        MessageId message =
                command.messageId() != null ? command.messageId() : known == null ? null : MessageId.of(known);
        MessageStatus current = message == null ? null : outbound.get(message.toString());
        if (current == null || command.status() == null || !command.status().after(current)) {
            return getVersion();
        }
        String providerId = command.providerMessageId();
        // A provider id already names another of our messages: not this one's status.
        if (known != null && !message.toString().equals(known)) {
            return getVersion();
        }
        apply(new MessageStatusChangedEvent(
                id,
                message,
                command.status(),
                truncated(providerId, 200),
                command.status() == MessageStatus.FAILED ? truncated(command.reason(), 500) : null));
        return getVersion();
    }

    /**
     * The fetch of an inbound attachment ended: {@code stored} with the tenant's media item, or
     * {@code too_large} / {@code unavailable} with the reason. Only a message whose attachment is
     * still pending takes it; a repeat (a retried fetch) changes nothing.
     */
    @CommandHandler
    public long handle(RecordMessageMediaCommand command) {
        if (command.messageId() == null
                || !"pending".equals(media.get(command.messageId().toString()))) {
            return getVersion();
        }
        if (command.mediaId() != null) {
            apply(new ConversationMessageMediaStoredEvent(id, command.messageId(), command.mediaId()));
        } else if ("too_large".equals(command.state()) || "unavailable".equals(command.state())) {
            apply(new ConversationMessageMediaUnavailableEvent(
                    id, command.messageId(), command.state(), truncated(command.reason(), 500)));
        } else {
            throw Rules.invalid("state must be stored (with a mediaId), too_large or unavailable");
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(RecordReadWatermarkCommand command) {
        if (command.watermark() == null) {
            return getVersion();
        }
        outbound.entrySet().stream()
                .filter(e -> e.getValue() == MessageStatus.SENT || e.getValue() == MessageStatus.DELIVERED)
                .filter(e -> sentAt.containsKey(e.getKey())
                        && !sentAt.get(e.getKey()).isAfter(command.watermark()))
                .map(Map.Entry::getKey)
                .sorted()
                .toList()
                .forEach(message -> apply(
                        new MessageStatusChangedEvent(id, MessageId.of(message), MessageStatus.READ, null, null)));
        return getVersion();
    }

    @CommandHandler
    public long handle(AddPrivateNoteCommand command, @MetaDataValue(MetadataKeys.USER_ID) String user) {
        if (command.messageId() == null) {
            throw Rules.invalid("messageId is required");
        }
        String text = Rules.text("text", command.text(), TEXT_LENGTH);
        apply(new PrivateNoteAddedEvent(
                id, command.messageId(), text, user == null ? null : UserId.of(user), contactId));
        return getVersion();
    }

    /** An unassigned conversation goes to the next available staff member; none available: refused. */
    @CommandHandler
    public long handle(AssignConversationInTurnCommand command, InboxAssignments assignments) {
        if (assignee != null) {
            return getVersion();
        }
        UserId next = assignments
                .nextInTurn()
                .orElseThrow(() -> new DomainException(
                        ErrorCode.INVALID_STATE,
                        "No staff member is available in the inbox to take the conversation."));
        apply(new ConversationAssignedEvent(id, next, null));
        return getVersion();
    }

    @CommandHandler
    public long handle(
            AssignConversationCommand command, @MetaDataValue(MetadataKeys.USER_ID) String user, StaffMembers staff) {
        if (Objects.equals(command.assigneeId(), assignee)) {
            return getVersion();
        }
        if (command.assigneeId() != null && !staff.isActiveStaff(command.assigneeId())) {
            throw Rules.invalid("assigneeId must name an active staff member of this tenant");
        }
        apply(new ConversationAssignedEvent(id, command.assigneeId(), user == null ? null : UserId.of(user)));
        return getVersion();
    }

    @CommandHandler
    public long handle(ResolveConversationCommand command, DeadlineManager deadlines, ContactConversations latest) {
        endSnooze(deadlines);
        return moveTo(ConversationStatus.RESOLVED, latest);
    }

    @CommandHandler
    public long handle(ReopenConversationCommand command, DeadlineManager deadlines, ContactConversations latest) {
        endSnooze(deadlines);
        return moveTo(ConversationStatus.OPEN, latest);
    }

    @CommandHandler
    public long handle(MarkConversationReadCommand command, @MetaDataValue(MetadataKeys.USER_ID) String user) {
        if (lastInbound == null
                || (user == null
                        ? lastInbound.equals(lastRead)
                        : lastInbound.toString().equals(readBy.get(user)))) {
            return getVersion();
        }
        apply(new ConversationReadEvent(id, lastInbound, user == null ? null : UserId.of(user)));
        return getVersion();
    }

    /**
     * Snoozes until {@code until}: in the future and at most {@link #MAX_SNOOZE} ahead, else {@code
     * snooze_until_invalid}. Snoozing again replaces the deadline; the same time again changes nothing.
     */
    @CommandHandler
    public long handle(
            SnoozeConversationCommand command,
            @MetaDataValue(MetadataKeys.USER_ID) String user,
            DeadlineManager deadlines,
            ContactConversations latest) {
        Instant now = GenericEventMessage.clock.instant();
        Instant until = command.until();
        if (until == null || !until.isAfter(now) || until.isAfter(now.plus(MAX_SNOOZE))) {
            throw new DomainException(
                    ErrorCode.SNOOZE_UNTIL_INVALID,
                    "until must be a time in the future, at most " + MAX_SNOOZE.toDays() + " days ahead.");
        }
        if (status == ConversationStatus.SNOOZED && until.equals(snoozedUntil)) {
            return getVersion();
        }
        endSnooze(deadlines);
        deadlines.schedule(until, SNOOZE_DEADLINE, new SnoozeEnded(until));
        apply(new ConversationSnoozedEvent(id, until, user == null ? null : UserId.of(user)));
        // Snoozed is not resolved: it opens again by itself, so the contact's latest conversation stays it.
        latest.record(id, contactId, ConversationStatus.SNOOZED, null);
        return getVersion();
    }

    /**
     * The snooze ran out: the conversation waits for staff again. The event names its tenant itself:
     * a deadline runs on a scheduler thread, outside any request or command that would stamp it.
     */
    @DeadlineHandler(deadlineName = SNOOZE_DEADLINE)
    void wake(SnoozeEnded snooze) {
        if (status == ConversationStatus.SNOOZED && snooze.until().equals(snoozedUntil)) {
            apply(
                    new ConversationStatusChangedEvent(id, ConversationStatus.OPEN),
                    MetaData.with(MetadataKeys.TENANT_ID, tenantId.toString()));
        }
    }

    @CommandHandler
    public long handle(SetConversationPriorityCommand command) {
        if (command.priority() == null) {
            throw Rules.invalid("priority is required");
        }
        if (command.priority() != priority) {
            apply(new ConversationPriorityChangedEvent(id, command.priority()));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(LabelConversationCommand command) {
        String label = ContactValues.tag(command.label());
        if (!labels.contains(label)) {
            if (labels.size() >= MAX_LABELS) {
                throw Rules.invalid("a conversation has at most " + MAX_LABELS + " labels");
            }
            apply(new ConversationLabelledEvent(id, label));
        }
        return getVersion();
    }

    @CommandHandler
    public long handle(UnlabelConversationCommand command) {
        String label = ContactValues.tag(command.label());
        if (labels.contains(label)) {
            apply(new ConversationUnlabelledEvent(id, label));
        }
        return getVersion();
    }

    private void endSnooze(DeadlineManager deadlines) {
        if (status == ConversationStatus.SNOOZED) {
            deadlines.cancelAllWithinScope(SNOOZE_DEADLINE);
        }
    }

    private long moveTo(ConversationStatus next, ContactConversations latest) {
        if (status == next) {
            return getVersion();
        }
        apply(new ConversationStatusChangedEvent(id, next));
        latest.record(id, contactId, next, null);
        return getVersion();
    }

    private boolean outsideWindow() {
        if (kind.messagingWindow() == null) {
            return false;
        }
        Instant now = GenericEventMessage.clock.instant();
        return lastInboundAt == null || now.isAfter(lastInboundAt.plus(kind.messagingWindow()));
    }

    private MessageTemplate template(MessageTemplate given) {
        if (!kind.templates()) {
            throw Rules.invalid(kind.wireName() + " has no message templates");
        }
        String name = Rules.text("template.name", given.name(), 512);
        String language = Rules.text("template.language", given.language(), 15);
        if (given.parameters() != null && given.parameters().size() > 20) {
            throw Rules.invalid("a template takes at most 20 parameters");
        }
        if (given.parameters() != null) {
            given.parameters().forEach(p -> Rules.text("template.parameters[]", p, 1024));
        }
        return new MessageTemplate(
                name,
                language,
                given.parameters() == null
                        ? null
                        : given.parameters().stream().map(String::strip).toList());
    }

    /** A media link the provider fetches itself: a public https URL. */
    private static String httpsUrl(String value) {
        Rules.text("mediaUrl", value, URL_LENGTH);
        try {
            URI uri = new URI(value.strip());
            if (!"https".equals(uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                throw Rules.invalid("mediaUrl must be an https URL");
            }
            return uri.toString();
        } catch (java.net.URISyntaxException e) {
            throw Rules.invalid("mediaUrl must be an https URL");
        }
    }

    /** Inbound messages get an id derived from the provider's, so a replay of the history gives the same ids. */
    static MessageId inboundMessageId(ConversationId conversation, String providerId) {
        String name = "inbound:" + conversation.value() + ":" + providerId;
        return new MessageId(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String truncated(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }

    @EventSourcingHandler
    void on(ConversationStartedEvent event) {
        id = event.conversationId();
        tenantId = event.tenantId();
        channelId = event.channelId();
        kind = event.kind();
        channelUserId = event.channelUserId();
        contactId = event.contactId();
        status = ConversationStatus.OPEN;
    }

    @EventSourcingHandler
    void on(InboundMessageReceivedEvent event, @Timestamp Instant at) {
        inboundIds.add(event.providerMessageId());
        lastInbound = event.messageId();
        if (event.mediaRef() != null && !event.mediaRef().isBlank()) {
            media.put(event.messageId().toString(), "pending");
        }
        // When we received it, not when the customer's device says it was written.
        lastInboundAt = at;
    }

    @EventSourcingHandler
    void on(ConversationMessageMediaStoredEvent event) {
        media.put(event.messageId().toString(), "stored");
    }

    @EventSourcingHandler
    void on(ConversationMessageMediaUnavailableEvent event) {
        media.put(event.messageId().toString(), event.state());
    }

    @EventSourcingHandler
    void on(OutboundMessageRequestedEvent event) {
        outbound.put(event.messageId().toString(), MessageStatus.PENDING);
    }

    @EventSourcingHandler
    void on(MessageStatusChangedEvent event, @Timestamp Instant at) {
        if (event.status() == MessageStatus.SENT) {
            sentAt.put(event.messageId().toString(), at);
        }
        outbound.put(event.messageId().toString(), event.status());
        if (event.providerMessageId() != null) {
            byProviderId.put(event.providerMessageId(), event.messageId().toString());
        }
    }

    @EventSourcingHandler
    void on(ConversationAssignedEvent event) {
        assignee = event.assigneeId();
    }

    @EventSourcingHandler
    void on(ConversationStatusChangedEvent event) {
        status = event.status();
        snoozedUntil = null;
    }

    @EventSourcingHandler
    void on(ConversationReadEvent event) {
        lastRead = event.lastMessageId();
        if (event.readBy() != null) {
            readBy.put(event.readBy().toString(), event.lastMessageId().toString());
        }
    }

    @EventSourcingHandler
    void on(ConversationSnoozedEvent event) {
        status = ConversationStatus.SNOOZED;
        snoozedUntil = event.until();
    }

    @EventSourcingHandler
    void on(ConversationPriorityChangedEvent event) {
        priority = event.priority();
    }

    @EventSourcingHandler
    void on(ConversationLabelledEvent event) {
        labels.add(event.label());
    }

    @EventSourcingHandler
    void on(ConversationUnlabelledEvent event) {
        labels.remove(event.label());
    }
}
