package dev.tenantcore.command.common;

import dev.tenantcore.api.crm.ContactId;
import dev.tenantcore.api.crm.conversation.ConversationId;
import dev.tenantcore.api.crm.conversation.ConversationStatus;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link ContactConversations} on {@code contact_conversations}, under the current tenant. */
@Component
class JdbcContactConversations implements ContactConversations {

    private final JdbcTemplate jdbc;

    JdbcContactConversations(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void record(ConversationId conversation, ContactId contact, ConversationStatus status, Instant activityAt) {
        Timestamp at = activityAt == null ? null : Timestamp.from(activityAt);
        jdbc.update("""
                INSERT INTO contact_conversations (tenant_id, conversation_id, contact_id, status, last_activity_at)
                VALUES (app_current_tenant(), ?, ?, ?, coalesce(CAST(? AS timestamptz), now()))
                ON CONFLICT (tenant_id, conversation_id) DO UPDATE
                   SET status = EXCLUDED.status,
                       last_activity_at = CASE WHEN CAST(? AS timestamptz) IS NULL
                                               THEN contact_conversations.last_activity_at
                                               ELSE greatest(contact_conversations.last_activity_at, EXCLUDED.last_activity_at)
                                          END
                """, conversation.value(), contact.value(), status.wireName(), at, at);
    }

    @Override
    public Optional<ConversationId> latestOpen(ContactId contact) {
        return jdbc
                .query(
                        """
                        SELECT conversation_id FROM contact_conversations
                         WHERE contact_id = ? AND status <> 'resolved'
                         ORDER BY last_activity_at DESC, conversation_id LIMIT 1
                        """,
                        (rs, row) -> new ConversationId(rs.getObject("conversation_id", UUID.class)),
                        contact.value())
                .stream()
                .findFirst();
    }
}
