package dev.tenantcore.command.crm.channel;

import dev.tenantcore.api.crm.conversation.ChannelId;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What happened last on each channel ({@code crm_channel_health}), written where it happens: the
 * webhook controller on a verified delivery, the send runner on each outcome (which it also files in
 * {@code crm_channel_sends}), the channel controller when the provider refuses the webhook or the
 * credentials. Reading it is one row and one index range, never a scan of messages.
 *
 * <p>Deliveries come in bursts on one channel: {@code webhook_seen_at} and {@code last_inbound_at}
 * move only when a second or more has passed, by an {@code UPDATE} whose condition fails without
 * taking the row's lock, so concurrent deliveries do not queue up behind one row. Both are therefore
 * exact to the second. Call inside a transaction bound to the channel's tenant.
 */
@Component
public class ChannelHealth {

    static final int ERROR_LENGTH = 500;
    static final Duration FAILURE_WINDOW = Duration.ofHours(24);

    private final JdbcTemplate jdbc;

    ChannelHealth(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The channel's figures, all null and a rate of null while nothing has happened on it. */
    public record Report(
            Instant webhookLastSeenAt,
            Instant lastInboundAt,
            Instant lastOutboundAt,
            Instant lastErrorAt,
            String lastError,
            int sends24h,
            int failedSends24h) {

        /** Failed sends over all sends with an outcome in the last 24 hours; null without any. */
        public Double failureRate() {
            return sends24h == 0 ? null : (double) failedSends24h / sends24h;
        }
    }

    /** A verified delivery arrived; {@code inbound} when it carried a customer's message. */
    void delivered(ChannelId channel, boolean inbound, Instant at) {
        Timestamp now = Timestamp.from(at);
        jdbc.update("""
                WITH moved AS (
                    UPDATE crm_channel_health
                       SET webhook_seen_at = CAST(? AS timestamptz),
                           last_inbound_at = CASE WHEN CAST(? AS boolean) THEN CAST(? AS timestamptz) ELSE last_inbound_at END
                     WHERE channel_id = ?
                       AND (webhook_seen_at IS NULL OR webhook_seen_at < CAST(? AS timestamptz) - interval '1 second'
                            OR (CAST(? AS boolean) AND (last_inbound_at IS NULL OR last_inbound_at < CAST(? AS timestamptz) - interval '1 second')))
                    RETURNING 1)
                INSERT INTO crm_channel_health (tenant_id, channel_id, webhook_seen_at, last_inbound_at)
                SELECT app_current_tenant(), CAST(? AS uuid), CAST(? AS timestamptz), CASE WHEN CAST(? AS boolean) THEN CAST(? AS timestamptz) END
                 WHERE NOT EXISTS (SELECT 1 FROM moved)
                ON CONFLICT (tenant_id, channel_id) DO NOTHING
                """, now, inbound, now, channel.value(), now, inbound, now, channel.value(), now, inbound, now);
    }

    /** The provider took an outbound message. */
    void sent(ChannelId channel, Instant at) {
        jdbc.update("""
                INSERT INTO crm_channel_health (tenant_id, channel_id, last_outbound_at)
                VALUES (app_current_tenant(), ?, ?)
                ON CONFLICT (tenant_id, channel_id) DO UPDATE SET last_outbound_at = EXCLUDED.last_outbound_at
                """, channel.value(), Timestamp.from(at));
    }

    /**
     * Something went wrong with the channel: a send failed, the provider refused the credentials or
     * the webhook. {@code message} is our own wording or the provider's reason, never a request.
     */
    public void failed(ChannelId channel, String message, Instant at) {
        String text = message == null || message.isBlank() ? "Unknown error" : message.strip();
        if (text.length() > ERROR_LENGTH) {
            text = text.substring(0, ERROR_LENGTH);
        }
        jdbc.update("""
                INSERT INTO crm_channel_health (tenant_id, channel_id, last_error_at, last_error)
                VALUES (app_current_tenant(), ?, ?, ?)
                ON CONFLICT (tenant_id, channel_id) DO UPDATE
                   SET last_error_at = EXCLUDED.last_error_at, last_error = EXCLUDED.last_error
                """, channel.value(), Timestamp.from(at), text);
    }

    public Report report(ChannelId channel, Instant now) {
        Map<String, Object> sends = jdbc.queryForMap("""
                SELECT count(*) AS total, count(*) FILTER (WHERE outcome = 'failed') AS failed
                  FROM crm_channel_sends
                 WHERE channel_id = ? AND outcome IS NOT NULL AND updated_at > ?
                """, channel.value(), Timestamp.from(now.minus(FAILURE_WINDOW)));
        int total = ((Number) sends.get("total")).intValue();
        int failed = ((Number) sends.get("failed")).intValue();
        return jdbc
                .query(
                        "SELECT * FROM crm_channel_health WHERE channel_id = ?",
                        (rs, row) -> new Report(
                                instant(rs.getTimestamp("webhook_seen_at")),
                                instant(rs.getTimestamp("last_inbound_at")),
                                instant(rs.getTimestamp("last_outbound_at")),
                                instant(rs.getTimestamp("last_error_at")),
                                rs.getString("last_error"),
                                total,
                                failed),
                        channel.value())
                .stream()
                .findFirst()
                .orElse(new Report(null, null, null, null, null, total, failed));
    }

    private static Instant instant(Timestamp value) {
        return value == null ? null : value.toInstant();
    }
}
