package dev.tenantcore.command.crm.channel.email;

import dev.tenantcore.api.crm.conversation.ChannelId;
import dev.tenantcore.api.crm.conversation.ConversationId;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The command side's records of email channels: where polling of each mailbox stands ({@code
 * crm_email_mailboxes}) and every mail of their conversations by {@code Message-ID} ({@code
 * crm_email_messages}). Call inside a transaction bound to the tenant (forced RLS on both tables).
 */
@Component
public class EmailChannelRecords {

    private final JdbcTemplate jdbc;

    EmailChannelRecords(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * How polling of an email channel's mailbox went: when it last succeeded, when a customer's mail
     * last arrived, and the last failure (kept until a poll succeeds), as a channel's health shows it.
     */
    public record Status(Instant lastPollAt, Instant lastInboundAt, String lastError, Instant lastErrorAt) {}

    /** Where polling stands: the folder's UIDVALIDITY (null before the first poll) and the last UID handled. */
    record Mailbox(Long uidValidity, long lastUid, Instant lastPollAt) {}

    /** A conversation a mail belongs to, and its customer's address. */
    record Thread(ConversationId conversation, String channelUserId) {}

    /** What a reply needs of its thread: the subject, the id it answers and the ids it references, oldest first. */
    record Reply(String subject, String inReplyTo, List<String> references) {}

    /** The polling status of the current tenant's email channel; empty before its first poll. */
    public Optional<Status> status(ChannelId channel) {
        return jdbc
                .query(
                        "SELECT last_poll_at, last_inbound_at, last_error, last_error_at FROM crm_email_mailboxes"
                                + " WHERE channel_id = ?",
                        (rs, i) -> new Status(
                                instant(rs.getTimestamp("last_poll_at")),
                                instant(rs.getTimestamp("last_inbound_at")),
                                rs.getString("last_error"),
                                instant(rs.getTimestamp("last_error_at"))),
                        channel.value())
                .stream()
                .findFirst();
    }

    Optional<Mailbox> mailbox(ChannelId channel) {
        return jdbc
                .query(
                        "SELECT uid_validity, last_uid, last_poll_at FROM crm_email_mailboxes WHERE channel_id = ?",
                        (rs, i) -> new Mailbox(
                                (Long) rs.getObject("uid_validity"),
                                rs.getLong("last_uid"),
                                instant(rs.getTimestamp("last_poll_at"))),
                        channel.value())
                .stream()
                .findFirst();
    }

    /** Everything up to {@code lastUid} under {@code uidValidity} was handled. */
    void advanced(ChannelId channel, long uidValidity, long lastUid) {
        jdbc.update("""
                INSERT INTO crm_email_mailboxes (tenant_id, channel_id, uid_validity, last_uid)
                VALUES (app_current_tenant(), ?, ?, ?)
                ON CONFLICT (tenant_id, channel_id) DO UPDATE SET uid_validity = EXCLUDED.uid_validity,
                       last_uid = CASE WHEN crm_email_mailboxes.uid_validity IS DISTINCT FROM EXCLUDED.uid_validity
                                       THEN EXCLUDED.last_uid
                                       ELSE GREATEST(crm_email_mailboxes.last_uid, EXCLUDED.last_uid) END
                """, channel.value(), uidValidity, lastUid);
    }

    void received(ChannelId channel, Instant at) {
        jdbc.update(
                "UPDATE crm_email_mailboxes SET last_inbound_at = ? WHERE channel_id = ?",
                Timestamp.from(at),
                channel.value());
    }

    /** A poll succeeded: the last failure is over. */
    void polled(ChannelId channel, Instant at) {
        jdbc.update("""
                INSERT INTO crm_email_mailboxes (tenant_id, channel_id, last_poll_at) VALUES (app_current_tenant(), ?, ?)
                ON CONFLICT (tenant_id, channel_id) DO UPDATE SET last_poll_at = EXCLUDED.last_poll_at,
                       last_error = NULL, last_error_at = NULL
                """, channel.value(), Timestamp.from(at));
    }

    /** A poll, or one mail of it, failed; {@code error} holds no secret. */
    void failed(ChannelId channel, String error, Instant at) {
        String text = error == null ? "unknown error" : error.length() <= 500 ? error : error.substring(0, 500);
        jdbc.update("""
                INSERT INTO crm_email_mailboxes (tenant_id, channel_id, last_error, last_error_at)
                VALUES (app_current_tenant(), ?, ?, ?)
                ON CONFLICT (tenant_id, channel_id) DO UPDATE SET last_error = EXCLUDED.last_error,
                       last_error_at = EXCLUDED.last_error_at
                """, channel.value(), text, Timestamp.from(at));
    }

    /** Whether a mail with this Message-ID was already recorded on the channel, either way. */
    boolean known(ChannelId channel, String messageId) {
        return !jdbc.queryForList(
                        "SELECT 1 FROM crm_email_messages WHERE channel_id = ? AND rfc_message_id = ?",
                        Integer.class,
                        channel.value(),
                        messageId)
                .isEmpty();
    }

    /** The conversation of the most recent of {@code messageIds} recorded on the channel. */
    Optional<Thread> thread(ChannelId channel, List<String> messageIds) {
        if (messageIds.isEmpty()) {
            return Optional.empty();
        }
        return jdbc
                .query(
                        "SELECT conversation_id, channel_user_id FROM crm_email_messages"
                                + " WHERE channel_id = ? AND rfc_message_id = ANY (?)"
                                + " ORDER BY created_at DESC LIMIT 1",
                        (rs, i) -> new Thread(
                                new ConversationId(rs.getObject("conversation_id", UUID.class)),
                                rs.getString("channel_user_id")),
                        channel.value(),
                        messageIds.toArray(String[]::new))
                .stream()
                .findFirst();
    }

    /** Records a mail of a conversation; false when the Message-ID was recorded before. */
    boolean record(
            ChannelId channel,
            String messageId,
            ConversationId conversation,
            String channelUserId,
            String direction,
            String subject,
            Instant at) {
        return jdbc.update(
                        """
                INSERT INTO crm_email_messages (tenant_id, channel_id, rfc_message_id, conversation_id,
                       channel_user_id, direction, subject, created_at)
                VALUES (app_current_tenant(), ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, channel_id, rfc_message_id) DO NOTHING
                """,
                        channel.value(),
                        messageId,
                        conversation.value(),
                        channelUserId,
                        direction,
                        subject,
                        Timestamp.from(at))
                == 1;
    }

    /** The thread a reply in {@code conversation} continues; empty when none of its mails is recorded. */
    Optional<Reply> reply(ChannelId channel, ConversationId conversation) {
        List<String[]> rows = jdbc.query(
                "SELECT rfc_message_id, direction, subject FROM crm_email_messages"
                        + " WHERE channel_id = ? AND conversation_id = ? ORDER BY created_at, rfc_message_id",
                (rs, i) -> new String[] {rs.getString(1), rs.getString(2), rs.getString(3)},
                channel.value(),
                conversation.value());
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        String subject = rows.stream()
                .map(row -> row[2])
                .filter(s -> s != null && !s.isBlank())
                .findFirst()
                .orElse(null);
        String inReplyTo = null;
        for (String[] row : rows) {
            if ("inbound".equals(row[1])) {
                inReplyTo = row[0];
            }
        }
        List<String> ids = rows.stream().map(row -> row[0]).toList();
        // The first mail and the last few: what RFC 5322 asks to keep when References grows long.
        List<String> references = ids.size() <= 10
                ? ids
                : Stream.concat(Stream.of(ids.get(0)), ids.subList(ids.size() - 9, ids.size()).stream())
                        .toList();
        return Optional.of(new Reply(subject, inReplyTo == null ? ids.get(ids.size() - 1) : inReplyTo, references));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
