package dev.tenantcore.query.crm;

import dev.tenantcore.api.audit.DataSubjectErasedEvent;
import dev.tenantcore.api.common.DataSubject;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ChannelKind;
import dev.tenantcore.api.crm.conversation.ConversationAssignedEvent;
import dev.tenantcore.api.crm.conversation.ConversationId;
import dev.tenantcore.api.crm.conversation.ConversationLabelledEvent;
import dev.tenantcore.api.crm.conversation.ConversationMessage;
import dev.tenantcore.api.crm.conversation.ConversationMessageMediaStoredEvent;
import dev.tenantcore.api.crm.conversation.ConversationMessageMediaUnavailableEvent;
import dev.tenantcore.api.crm.conversation.ConversationMessagePage;
import dev.tenantcore.api.crm.conversation.ConversationPage;
import dev.tenantcore.api.crm.conversation.ConversationPriority;
import dev.tenantcore.api.crm.conversation.ConversationPriorityChangedEvent;
import dev.tenantcore.api.crm.conversation.ConversationReadEvent;
import dev.tenantcore.api.crm.conversation.ConversationResponse;
import dev.tenantcore.api.crm.conversation.ConversationSnoozedEvent;
import dev.tenantcore.api.crm.conversation.ConversationStartedEvent;
import dev.tenantcore.api.crm.conversation.ConversationStatus;
import dev.tenantcore.api.crm.conversation.ConversationStatusChangedEvent;
import dev.tenantcore.api.crm.conversation.ConversationUnlabelledEvent;
import dev.tenantcore.api.crm.conversation.FindConversationQuery;
import dev.tenantcore.api.crm.conversation.FindUnreadConversationsQuery;
import dev.tenantcore.api.crm.conversation.InboundMessageReceivedEvent;
import dev.tenantcore.api.crm.conversation.ListConversationMessagesQuery;
import dev.tenantcore.api.crm.conversation.ListConversationsQuery;
import dev.tenantcore.api.crm.conversation.MessageDirection;
import dev.tenantcore.api.crm.conversation.MessageId;
import dev.tenantcore.api.crm.conversation.MessageStatus;
import dev.tenantcore.api.crm.conversation.MessageStatusChangedEvent;
import dev.tenantcore.api.crm.conversation.OutboundMessageRequestedEvent;
import dev.tenantcore.api.crm.conversation.PrivateNoteAddedEvent;
import dev.tenantcore.api.crm.conversation.UnreadConversationsResponse;
import dev.tenantcore.api.media.MediaId;
import dev.tenantcore.query.support.KeysetPage;
import dev.tenantcore.query.support.PageCursor;
import dev.tenantcore.query.support.PageOrder;
import dev.tenantcore.query.support.ReadModel;
import dev.tenantcore.query.support.ReadTable;
import dev.tenantcore.query.support.Sql;
import dev.tenantcore.query.support.VersionedRows;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code conversations} and {@code conversation_messages} in step with the conversation
 * aggregates and answers their queries. Every write is guarded by the conversation's event sequence
 * (the rows' {@code version}), so a replayed event changes nothing, counters included.
 */
@Component
@ProcessingGroup("crm-conversations")
class ConversationProjection {

    private static final String TABLE = "conversations";
    private static final String MESSAGES = "conversation_messages";
    private static final String READS = "conversation_reads";
    private static final String COLUMNS =
            "id, channel_id, channel_kind, channel_user_id, user_name, contact_id, status,"
                    + " assignee_id, unread, last_message_at, last_inbound_at, version, created_at, updated_at,"
                    + " priority, labels, snoozed_until";
    private static final String MESSAGE_COLUMNS = "id, direction, status, text, media_type, media_ref, template_name,"
            + " author_id, failure_reason, created_at, updated_at, media_id, media_state, media_reason";

    /** Most recent activity first. */
    private static final PageOrder<ConversationResponse> RECENT = new PageOrder<>(
            "-lastMessageAt",
            "last_message_at",
            PageOrder.Type.TIMESTAMP,
            true,
            c -> c.lastMessageAt().toString(),
            c -> c.id().value());

    private final ReadModel store;
    private final ReadTable<ConversationId> conversations;

    ConversationProjection(ReadModel store) {
        this.store = store;
        this.conversations = store.table(
                TABLE,
                ConversationId::value,
                (id, changed) -> store.publishIf(
                        changed,
                        FindConversationQuery.class,
                        () -> handle(new FindConversationQuery(id)),
                        (q, row) -> id.equals(q.conversationId())));
    }

    @EventHandler
    void on(ConversationStartedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        conversations
                .insert(event.tenantId(), event.conversationId())
                .value("channel_id", event.channelId().value())
                .value("channel_kind", event.kind().wireName())
                .value("channel_user_id", event.channelUserId())
                .value("user_name", event.userName())
                .value(
                        "contact_id",
                        event.contactId() == null ? null : event.contactId().value())
                .value("status", ConversationStatus.OPEN.wireName())
                .value("last_message_at", at)
                .apply(sequence, at);
    }

    @EventHandler
    void on(InboundMessageReceivedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        UUID tenant = tenantOf(event.conversationId());
        if (tenant == null) {
            return;
        }
        message(tenant, event.conversationId(), event.messageId(), MessageDirection.INBOUND, MessageStatus.RECEIVED)
                .value("text", event.text())
                .value("media_type", event.mediaType())
                .value("media_ref", event.mediaRef())
                .value(
                        "media_state",
                        event.mediaRef() == null || event.mediaRef().isBlank() ? null : "pending")
                .value("provider_message_id", event.providerMessageId())
                .apply(sequence, at);
        conversations
                .update(event.conversationId())
                .set("unread", "unread + ?", 1)
                .set("inbound_count", "inbound_count + ?", 1)
                .set("last_message_at", at)
                .set("last_inbound_at", at)
                .apply(sequence, at);
    }

    @EventHandler
    void on(ConversationMessageMediaStoredEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        store.update(MESSAGES, event.messageId().value())
                .set("media_id", event.mediaId().value())
                .set("media_state", "stored")
                .set("media_reason", null)
                .apply(sequence, at);
        conversations.update(event.conversationId()).apply(sequence, at);
    }

    @EventHandler
    void on(ConversationMessageMediaUnavailableEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        store.update(MESSAGES, event.messageId().value())
                .set("media_state", event.state())
                .set("media_reason", event.reason())
                .apply(sequence, at);
        conversations.update(event.conversationId()).apply(sequence, at);
    }

    @EventHandler
    void on(OutboundMessageRequestedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        UUID tenant = tenantOf(event.conversationId());
        if (tenant == null) {
            return;
        }
        message(tenant, event.conversationId(), event.messageId(), MessageDirection.OUTBOUND, MessageStatus.PENDING)
                .value("text", event.text())
                .value("media_ref", event.mediaUrl())
                .value("media_type", event.mediaUrl() == null ? null : "image")
                .value(
                        "template_name",
                        event.template() == null ? null : event.template().name())
                .value(
                        "author_id",
                        event.authorId() == null ? null : event.authorId().value())
                .apply(sequence, at);
        conversations.update(event.conversationId()).set("last_message_at", at).apply(sequence, at);
    }

    @EventHandler
    void on(PrivateNoteAddedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        UUID tenant = tenantOf(event.conversationId());
        if (tenant == null) {
            return;
        }
        message(tenant, event.conversationId(), event.messageId(), MessageDirection.NOTE, null)
                .value("text", event.text())
                .value(
                        "author_id",
                        event.authorId() == null ? null : event.authorId().value())
                .apply(sequence, at);
        conversations.update(event.conversationId()).apply(sequence, at);
    }

    @EventHandler
    void on(MessageStatusChangedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        store.update(MESSAGES, event.messageId().value())
                .set("status", event.status().wireName())
                .set("provider_message_id", "COALESCE(?, provider_message_id)", event.providerMessageId())
                .set("failure_reason", event.reason())
                .apply(sequence, at);
        conversations.update(event.conversationId()).apply(sequence, at);
    }

    @EventHandler
    void on(ConversationAssignedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        conversations
                .update(event.conversationId())
                .set(
                        "assignee_id",
                        event.assigneeId() == null ? null : event.assigneeId().value())
                .apply(sequence, at);
    }

    @EventHandler
    void on(ConversationStatusChangedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        conversations
                .transition(event.conversationId(), event.status().wireName())
                .set("snoozed_until", null)
                .apply(sequence, at);
    }

    @EventHandler
    void on(ConversationReadEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        conversations.update(event.conversationId()).set("unread", 0).apply(sequence, at);
        UUID tenant = event.readBy() == null ? null : tenantOf(event.conversationId());
        if (tenant == null) {
            return;
        }
        // The conversation's count of the customer's messages as this event left it: events of one
        // conversation arrive in order, and a redelivered read is refused by the row's version.
        store.insert(READS, new dev.tenantcore.api.common.TenantId(tenant))
                .value("id", readId(event.conversationId(), event.readBy()))
                .value("conversation_id", event.conversationId().value())
                .value("user_id", event.readBy().value())
                .value(
                        "read_inbound",
                        store.jdbc()
                                .queryForObject(
                                        "SELECT inbound_count FROM conversations WHERE id = ?",
                                        Integer.class,
                                        event.conversationId().value()))
                .apply(sequence, at);
    }

    @EventHandler
    void on(ConversationSnoozedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        conversations
                .transition(event.conversationId(), ConversationStatus.SNOOZED.wireName())
                .set("snoozed_until", event.until())
                .apply(sequence, at);
    }

    @EventHandler
    void on(ConversationPriorityChangedEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        conversations.set(event.conversationId(), "priority", event.priority().wireName(), sequence, at);
    }

    @EventHandler
    void on(ConversationLabelledEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        conversations
                .update(event.conversationId())
                .set(
                        "labels",
                        "array_append(array_remove(labels, CAST(? AS text)), CAST(? AS text))",
                        event.label(),
                        event.label())
                .apply(sequence, at);
    }

    @EventHandler
    void on(ConversationUnlabelledEvent event, @SequenceNumber long sequence, @Timestamp Instant at) {
        conversations
                .update(event.conversationId())
                .set("labels", "array_remove(labels, CAST(? AS text))", event.label())
                .apply(sequence, at);
    }

    @ResetHandler
    void reset() {
        store.reset(TABLE, MESSAGES, READS);
    }

    @QueryHandler
    ConversationResponse handle(FindConversationQuery query) {
        return store.findOne(
                "SELECT " + COLUMNS + " FROM conversations WHERE id = ?",
                ConversationProjection::conversation,
                query.conversationId().value());
    }

    @QueryHandler
    ConversationPage handle(ListConversationsQuery query) {
        KeysetPage<ConversationResponse> page = KeysetPage.select(
                        "SELECT " + COLUMNS + " FROM conversations", ConversationProjection::conversation)
                .whereGiven("status = ?", query.status(), ConversationStatus::wireName)
                .whereGiven("channel_id = ?", query.channelId(), ChannelId::value)
                .whereGiven("assignee_id = ?", query.assigneeId(), UserId::value)
                .whereGiven(Boolean.TRUE.equals(query.unread()) ? "unread > ?" : "unread = ?", query.unread(), u -> 0)
                .whereGiven("priority = ?", query.priority(), ConversationPriority::wireName)
                .whereGiven(
                        "labels @> ARRAY[CAST(? AS text)]",
                        query.label(),
                        l -> l.strip().toLowerCase(Locale.ROOT))
                .orderBy(RECENT)
                .page(store.jdbc(), query.limit(), query.cursor(), c -> new PageCursor(c.createdAt(), c.id().value()));
        return new ConversationPage(page.items(), page.nextCursor());
    }

    /**
     * One staff user's unread customer messages: per conversation, those received since the user
     * last read it (all of them if never), from the conversation's count of inbound messages and
     * the user's read mark; no message is counted here.
     */
    @QueryHandler
    UnreadConversationsResponse handle(FindUnreadConversationsQuery query) {
        UUID user = query.user().value();
        String unread = "c.inbound_count - COALESCE(r.read_inbound, 0)";
        String from = " FROM conversations c LEFT JOIN conversation_reads r"
                + " ON r.conversation_id = c.id AND r.user_id = ? WHERE c.inbound_count > COALESCE(r.read_inbound, 0)";
        Map<String, Object> sums = store.jdbc()
                .queryForMap(
                        "SELECT COALESCE(sum(" + unread + "), 0) AS total,"
                                + " COALESCE(sum(" + unread + ") FILTER (WHERE c.assignee_id = ?), 0) AS assigned,"
                                + " COALESCE(sum(" + unread + ") FILTER (WHERE c.assignee_id IS NULL), 0) AS unassigned"
                                + from,
                        user,
                        user);
        List<UnreadConversationsResponse.UnreadConversation> items = store.jdbc()
                .query(
                        "SELECT c.id, c.assignee_id, " + unread + " AS unread" + from
                                + " AND (c.assignee_id = ? OR c.assignee_id IS NULL)"
                                + " ORDER BY c.last_message_at DESC, c.id DESC LIMIT "
                                + UnreadConversationsResponse.MAX_CONVERSATIONS,
                        (rs, row) -> new UnreadConversationsResponse.UnreadConversation(
                                new ConversationId(rs.getObject("id", UUID.class)),
                                rs.getInt("unread"),
                                user.equals(rs.getObject("assignee_id", UUID.class))),
                        user,
                        user);
        return new UnreadConversationsResponse(
                ((Number) sums.get("total")).longValue(),
                ((Number) sums.get("assigned")).longValue(),
                ((Number) sums.get("unassigned")).longValue(),
                items);
    }

    /** A user's read mark of a conversation: one row per (conversation, user). */
    static UUID readId(ConversationId conversation, UserId user) {
        return UUID.nameUUIDFromBytes(
                ("read:" + conversation.value() + ":" + user.value()).getBytes(StandardCharsets.UTF_8));
    }

    /** Newest first; null when the conversation does not exist. */
    @QueryHandler
    ConversationMessagePage handle(ListConversationMessagesQuery query) {
        if (handle(new FindConversationQuery(query.conversationId())) == null) {
            return null;
        }
        KeysetPage<ConversationMessage> page = KeysetPage.select(
                        "SELECT " + MESSAGE_COLUMNS + " FROM conversation_messages", ConversationProjection::message)
                .where("conversation_id = ?", query.conversationId().value())
                .newestFirst()
                .page(store.jdbc(), query.limit(), query.cursor(), m -> new PageCursor(m.createdAt(), m.id().value()));
        return new ConversationMessagePage(page.items(), page.nextCursor());
    }

    private VersionedRows.Insert message(
            UUID tenant, ConversationId conversation, MessageId id, MessageDirection direction, MessageStatus status) {
        return store.insert(MESSAGES, new dev.tenantcore.api.common.TenantId(tenant))
                .value("id", id.value())
                .value("conversation_id", conversation.value())
                .value("direction", direction.wireName())
                .value("status", status == null ? null : status.wireName());
    }

    /** The conversation's tenant, as its row has it (the row was written by the conversation's first event). */
    private UUID tenantOf(ConversationId conversation) {
        return store
                .jdbc()
                .queryForList("SELECT tenant_id FROM conversations WHERE id = ?", UUID.class, conversation.value())
                .stream()
                .findFirst()
                .orElse(null);
    }

    private static ConversationResponse conversation(ResultSet rs, int row) throws SQLException {
        UUID contact = rs.getObject("contact_id", UUID.class);
        UUID assignee = rs.getObject("assignee_id", UUID.class);
        return new ConversationResponse(
                new ConversationId(rs.getObject("id", UUID.class)),
                new ChannelId(rs.getObject("channel_id", UUID.class)),
                ChannelKind.fromWireName(rs.getString("channel_kind")),
                rs.getString("channel_user_id"),
                rs.getString("user_name"),
                contact == null ? null : new ContactId(contact),
                ConversationStatus.fromWireName(rs.getString("status")),
                assignee == null ? null : new UserId(assignee),
                rs.getInt("unread"),
                Sql.instant(rs, "last_message_at"),
                Sql.instant(rs, "last_inbound_at"),
                rs.getLong("version"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"),
                ConversationPriority.fromWireName(rs.getString("priority")),
                labels(rs.getArray("labels")),
                Sql.instant(rs, "snoozed_until"));
    }

    private static List<String> labels(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static ConversationMessage message(ResultSet rs, int row) throws SQLException {
        String status = rs.getString("status");
        UUID author = rs.getObject("author_id", UUID.class);
        UUID media = rs.getObject("media_id", UUID.class);
        return new ConversationMessage(
                new MessageId(rs.getObject("id", UUID.class)),
                MessageDirection.fromWireName(rs.getString("direction")),
                status == null ? null : MessageStatus.fromWireName(status),
                rs.getString("text"),
                rs.getString("media_type"),
                rs.getString("media_ref"),
                rs.getString("template_name"),
                author == null ? null : new UserId(author),
                rs.getString("failure_reason"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"),
                media == null ? null : new MediaId(media),
                rs.getString("media_state"),
                rs.getString("media_reason"),
                // Served like every media item: staff ask this for a short-lived link to the bytes.
                media == null ? null : "/api/v1/media/" + media + "/download");
    }

    /** A contact erased: the name their channel gave them and the texts of their messages and notes read "[erased]". */
    @EventHandler
    void on(DataSubjectErasedEvent event) {
        if (event.subject() != DataSubject.CONTACT) {
            return;
        }
        store.jdbc()
                .update(
                        "UPDATE conversations SET user_name = '[erased]' WHERE contact_id = ? AND user_name IS NOT NULL",
                        event.subjectId());
        // Messages and notes of the contact's conversations: their texts were encrypted under the
        // contact's key (events stored before messages named their contact keep them in clear).
        store.jdbc()
                .update(
                        "UPDATE conversation_messages SET text = '[erased]' WHERE text IS NOT NULL AND"
                                + " conversation_id IN (SELECT id FROM conversations WHERE contact_id = ?)",
                        event.subjectId());
    }
}
