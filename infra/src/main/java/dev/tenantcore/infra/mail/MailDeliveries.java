package dev.tenantcore.infra.mail;

import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The current tenant's delivery log: every queued mail with its recipient, template, status,
 * attempts, provider message id and last error; newest first. Call inside a tenant transaction.
 */
@Component
class MailDeliveries {

    record DeliveryView(
            UUID id,
            String template,
            String locale,
            String recipient,
            String status,
            int attempts,
            String provider,
            String messageId,
            String providerMessageId,
            String error,
            Instant createdAt,
            Instant updatedAt,
            Instant sentAt) {}

    record DeliveryPage(List<DeliveryView> items, String nextCursor) {}

    private static final String COLUMNS = "id, template, locale, recipient, status, attempts, provider, message_id,"
            + " provider_message_id, error, created_at, updated_at, sent_at";

    private final JdbcTemplate jdbc;
    private final MailOutbox outbox;

    MailDeliveries(JdbcTemplate jdbc, MailOutbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    Optional<DeliveryView> find(UUID id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM email_deliveries WHERE id = ?", MailDeliveries::row, id).stream()
                .findFirst();
    }

    /** A page, newest first; {@code cursor} is the previous page's {@code nextCursor}. */
    DeliveryPage page(String status, int limit, String cursor) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM email_deliveries WHERE true");
        if (status != null) {
            sql.append(" AND status = ?");
            args.add(status);
        }
        if (cursor != null) {
            Position after = Position.decode(cursor);
            sql.append(" AND (created_at, id) < (?, ?)");
            args.add(Timestamp.from(after.createdAt()));
            args.add(after.id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(limit + 1);
        List<DeliveryView> rows = jdbc.query(sql.toString(), MailDeliveries::row, args.toArray());
        if (rows.size() <= limit) {
            return new DeliveryPage(rows, null);
        }
        DeliveryView last = rows.get(limit - 1);
        return new DeliveryPage(rows.subList(0, limit), new Position(last.createdAt(), last.id()).encode());
    }

    /** Puts a failed mail back in the queue with a fresh count of attempts. */
    DeliveryView retry(TenantId tenant, UUID id) {
        DeliveryView current = find(id).orElseThrow(MailDeliveries::missing);
        int changed = jdbc.update(
                "UPDATE email_deliveries SET status = 'pending', attempts = 0, updated_at = now()"
                        + " WHERE id = ? AND status = 'failed'",
                id);
        if (changed == 0) {
            throw new DomainException(
                    ErrorCode.INVALID_STATE, "Only a failed mail is retried; this one is " + current.status() + ".");
        }
        outbox.schedule(tenant, id);
        return find(id).orElseThrow(MailDeliveries::missing);
    }

    static DomainException missing() {
        return new DomainException(ErrorCode.NOT_FOUND, "The resource does not exist.");
    }

    private static DeliveryView row(ResultSet rs, int n) throws SQLException {
        Timestamp sent = rs.getTimestamp("sent_at");
        return new DeliveryView(
                rs.getObject("id", UUID.class),
                rs.getString("template"),
                rs.getString("locale"),
                rs.getString("recipient"),
                rs.getString("status"),
                rs.getInt("attempts"),
                rs.getString("provider"),
                rs.getString("message_id"),
                rs.getString("provider_message_id"),
                rs.getString("error"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                sent == null ? null : sent.toInstant());
    }

    /** Where a page ended: opaque to callers; a forged one is a validation failure, never a 500. */
    private record Position(Instant createdAt, UUID id) {

        String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                if (parts.length != 2) {
                    throw new IllegalArgumentException("parts");
                }
                return new Position(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (IllegalArgumentException | DateTimeParseException e) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, "The cursor is not valid.");
            }
        }
    }
}
