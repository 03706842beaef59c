package dev.tenantcore.command.automations.webhooks;

import dev.tenantcore.api.automations.webhooks.WebhookEndpointId;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The current tenant's webhook messages ({@code outbound_webhook_messages}) and every attempt at them
 * ({@code outbound_webhook_attempts}). Call inside a transaction bound to the tenant.
 */
@Component
class WebhookDeliveries {

    private final JdbcTemplate jdbc;

    WebhookDeliveries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One attempt as the delivery log shows it; {@code statusCode} is null when nothing answered. */
    record WebhookAttemptView(
            int attempt, Instant attemptedAt, Integer statusCode, long latencyMs, String response, String error) {}

    record WebhookMessageView(
            UUID id,
            UUID eventId,
            String eventType,
            String status,
            int attempts,
            Instant nextAttemptAt,
            Instant createdAt,
            Instant updatedAt,
            List<WebhookAttemptView> attemptLog) {}

    record WebhookMessagePage(List<WebhookMessageView> items, String nextCursor) {}

    /** A message that is due to be tried, with what sending it needs. */
    record Due(UUID id, UUID endpointId, UUID eventId, String body, int attempts, int roundAttempts) {}

    /** What one attempt came to. */
    record Outcome(Integer statusCode, long latencyMs, String response, String error) {

        boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    /**
     * A new pending message for the endpoint, unless one exists for the event; with {@code again}, an
     * existing one is queued afresh instead (a replay). Answers the message's id when it is to be
     * sent now, empty when it was there already and {@code again} is false.
     */
    Optional<UUID> queue(UUID endpoint, UUID eventId, String eventType, String body, boolean again) {
        Timestamp now = Timestamp.from(Instant.now());
        List<UUID> inserted = jdbc.queryForList(
                """
                INSERT INTO outbound_webhook_messages (tenant_id, id, endpoint_id, event_id, event_type, body, status,
                    attempts, round_attempts, next_attempt_at, created_at, updated_at)
                VALUES (app_current_tenant(), ?, ?, ?, ?, ?, 'pending', 0, 0, ?, ?, ?)
                ON CONFLICT (tenant_id, endpoint_id, event_id) DO NOTHING
                RETURNING id
                """, UUID.class, UUID.randomUUID(), endpoint, eventId, eventType, body, now, now, now);
        if (!inserted.isEmpty()) {
            return Optional.of(inserted.get(0));
        }
        if (!again) {
            return Optional.empty();
        }
        return jdbc.queryForList("""
                        UPDATE outbound_webhook_messages SET status = 'pending', round_attempts = 0, next_attempt_at = ?,
                               updated_at = ?
                         WHERE endpoint_id = ? AND event_id = ?
                        RETURNING id
                        """, UUID.class, now, now, endpoint, eventId).stream()
                .findFirst();
    }

    /** Queues one message of the endpoint afresh; empty when the endpoint has no such message. */
    Optional<UUID> requeue(UUID endpoint, UUID delivery) {
        Timestamp now = Timestamp.from(Instant.now());
        return jdbc.queryForList("""
                        UPDATE outbound_webhook_messages SET status = 'pending', round_attempts = 0, next_attempt_at = ?,
                               updated_at = ?
                         WHERE endpoint_id = ? AND id = ?
                        RETURNING id
                        """, UUID.class, now, now, endpoint, delivery).stream()
                .findFirst();
    }

    /** The message if it is still pending, locked for this attempt's transaction. */
    Optional<Due> pending(UUID delivery) {
        return jdbc
                .query(
                        """
                        SELECT id, endpoint_id, event_id, body, attempts, round_attempts FROM outbound_webhook_messages
                         WHERE id = ? AND status = 'pending' FOR UPDATE
                        """,
                        (rs, i) -> new Due(
                                rs.getObject("id", UUID.class),
                                rs.getObject("endpoint_id", UUID.class),
                                rs.getObject("event_id", UUID.class),
                                rs.getString("body"),
                                rs.getInt("attempts"),
                                rs.getInt("round_attempts")),
                        delivery)
                .stream()
                .findFirst();
    }

    void cancel(UUID delivery) {
        jdbc.update(
                "UPDATE outbound_webhook_messages SET status = 'cancelled', next_attempt_at = NULL, updated_at = now()"
                        + " WHERE id = ?",
                delivery);
    }

    /**
     * Records an attempt and the message's new state: delivered, pending until {@code next}, or
     * failed when {@code next} is null and it was not delivered.
     */
    void record(Due due, Instant at, Outcome outcome, Instant next) {
        int attempt = due.attempts() + 1;
        jdbc.update(
                """
                INSERT INTO outbound_webhook_attempts (tenant_id, delivery_id, attempt, attempted_at, status_code, latency_ms,
                    response, error)
                VALUES (app_current_tenant(), ?, ?, ?, ?, ?, ?, ?)
                """,
                due.id(),
                attempt,
                Timestamp.from(at),
                outcome.statusCode(),
                outcome.latencyMs(),
                outcome.response(),
                outcome.error());
        String status = outcome.delivered() ? "delivered" : next == null ? "failed" : "pending";
        jdbc.update("""
                UPDATE outbound_webhook_messages SET status = ?, attempts = ?, round_attempts = round_attempts + 1,
                       next_attempt_at = ?, updated_at = ?
                 WHERE id = ?
                """, status, attempt, next == null ? null : Timestamp.from(next), Timestamp.from(at), due.id());
    }

    /** The endpoint's messages, newest first; {@code cursor} is the previous page's {@code nextCursor}. */
    WebhookMessagePage page(WebhookEndpointId endpoint, int limit, String cursor) {
        StringBuilder sql = new StringBuilder("SELECT * FROM outbound_webhook_messages WHERE endpoint_id = ?");
        List<Object> args = new ArrayList<>();
        args.add(endpoint.value());
        if (cursor != null) {
            Position after = Position.decode(cursor);
            sql.append(" AND (created_at, id) < (?, ?)");
            args.add(Timestamp.from(after.createdAt()));
            args.add(after.id());
        }
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
        args.add(limit + 1);
        List<WebhookMessageView> rows = jdbc.query(sql.toString(), WebhookDeliveries::row, args.toArray());
        boolean more = rows.size() > limit;
        List<WebhookMessageView> items = more ? rows.subList(0, limit) : rows;
        Map<UUID, List<WebhookAttemptView>> attempts =
                attempts(items.stream().map(WebhookMessageView::id).toList());
        List<WebhookMessageView> withAttempts = items.stream()
                .map(d -> new WebhookMessageView(
                        d.id(),
                        d.eventId(),
                        d.eventType(),
                        d.status(),
                        d.attempts(),
                        d.nextAttemptAt(),
                        d.createdAt(),
                        d.updatedAt(),
                        attempts.getOrDefault(d.id(), List.of())))
                .toList();
        String next = more
                ? new Position(
                                items.get(limit - 1).createdAt(),
                                items.get(limit - 1).id())
                        .encode()
                : null;
        return new WebhookMessagePage(withAttempts, next);
    }

    Optional<WebhookMessageView> find(WebhookEndpointId endpoint, UUID delivery) {
        return jdbc
                .query(
                        "SELECT * FROM outbound_webhook_messages WHERE endpoint_id = ? AND id = ?",
                        WebhookDeliveries::row,
                        endpoint.value(),
                        delivery)
                .stream()
                .findFirst()
                .map(d -> new WebhookMessageView(
                        d.id(),
                        d.eventId(),
                        d.eventType(),
                        d.status(),
                        d.attempts(),
                        d.nextAttemptAt(),
                        d.createdAt(),
                        d.updatedAt(),
                        attempts(List.of(d.id())).getOrDefault(d.id(), List.of())));
    }

    private Map<UUID, List<WebhookAttemptView>> attempts(List<UUID> deliveries) {
        Map<UUID, List<WebhookAttemptView>> byDelivery = new LinkedHashMap<>();
        if (deliveries.isEmpty()) {
            return byDelivery;
        }
        jdbc.query(
                "SELECT * FROM outbound_webhook_attempts WHERE delivery_id = ANY (?) ORDER BY delivery_id, attempt",
                rs -> {
                    Timestamp at = rs.getTimestamp("attempted_at");
                    byDelivery
                            .computeIfAbsent(rs.getObject("delivery_id", UUID.class), k -> new ArrayList<>())
                            .add(new WebhookAttemptView(
                                    rs.getInt("attempt"),
                                    at.toInstant(),
                                    (Integer) rs.getObject("status_code"),
                                    rs.getLong("latency_ms"),
                                    rs.getString("response"),
                                    rs.getString("error")));
                },
                (Object) deliveries.toArray(UUID[]::new));
        return byDelivery;
    }

    private static WebhookMessageView row(ResultSet rs, int i) throws SQLException {
        Timestamp next = rs.getTimestamp("next_attempt_at");
        return new WebhookMessageView(
                rs.getObject("id", UUID.class),
                rs.getObject("event_id", UUID.class),
                rs.getString("event_type"),
                rs.getString("status"),
                rs.getInt("attempts"),
                "pending".equals(rs.getString("status")) && next != null ? next.toInstant() : null,
                rs.getTimestamp("created_at").toInstant(),
                rs.getTimestamp("updated_at").toInstant(),
                List.of());
    }

    private record Position(Instant createdAt, UUID id) {

        String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((createdAt + "|" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|");
                return new Position(Instant.parse(parts[0]), UUID.fromString(parts[1]));
            } catch (RuntimeException e) {
                throw new DomainException(ErrorCode.VALIDATION_FAILED, "The cursor is not valid.");
            }
        }
    }
}
