package dev.tenantcore.command.common;

import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.conversation.ConversationId;
import dev.tenantcore.api.crm.conversation.ConversationStatus;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@link ContactConversations} for aggregate fixtures: one tenant's rows, in memory. */
public class InMemoryContactConversations implements ContactConversations {

    /** One row as the table keeps it. */
    public record Row(ContactId contact, ConversationStatus status, Instant lastActivityAt) {}

    private final Map<ConversationId, Row> rows = new LinkedHashMap<>();

    @Override
    public void record(ConversationId conversation, ContactId contact, ConversationStatus status, Instant activityAt) {
        Row before = rows.get(conversation);
        Instant at = activityAt == null
                ? (before == null ? Instant.EPOCH : before.lastActivityAt())
                : before == null || activityAt.isAfter(before.lastActivityAt()) ? activityAt : before.lastActivityAt();
        rows.put(conversation, new Row(contact, status, at));
    }

    @Override
    public Optional<ConversationId> latestOpen(ContactId contact) {
        return rows.entrySet().stream()
                .filter(e ->
                        e.getValue().contact().equals(contact) && e.getValue().status() != ConversationStatus.RESOLVED)
                .max(Comparator.comparing(e -> e.getValue().lastActivityAt()))
                .map(Map.Entry::getKey);
    }

    public Optional<Row> row(ConversationId conversation) {
        return Optional.ofNullable(rows.get(conversation));
    }
}
