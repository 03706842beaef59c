package dev.tenantcore.infra.security;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;
import org.springframework.stereotype.Component;

/**
 * Sign-in sessions and their refresh tokens, in the tenant-scoped {@code auth_sessions} table.
 *
 * <p>A session is one refresh-token family: each refresh replaces the token, and presenting a
 * token that was already replaced means it leaked, so the whole family is revoked. Only a
 * SHA-256 of each token is stored. Callers run these methods inside a tenant transaction.
 */
@Component
public class SessionStore {

    private final JdbcTemplate jdbc;

    SessionStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public record Session(
            UUID id,
            TenantId tenantId,
            UserId userId,
            Instant createdAt,
            Instant lastUsedAt,
            String ip,
            String userAgent) {}

    public record Issued(Session session, String refreshToken) {}

    public sealed interface Rotation {
        record Rotated(Session session, String refreshToken) implements Rotation {}

        record Rejected() implements Rotation {}

        /** The token had already been used: the family is revoked and the caller must sign in again. */
        record ReuseDetected(UUID sessionId) implements Rotation {}
    }

    public Issued open(TenantId tenant, UserId user, Duration lifetime, String ip, String userAgent) {
        UUID id = UUID.randomUUID();
        String token = newToken(id);
        Instant now = Instant.now();
        jdbc.update(
                """
                INSERT INTO auth_sessions (tenant_id, id, user_id, refresh_token_hash, created_at, last_used_at, expires_at, ip, user_agent)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
                tenant.value(),
                id,
                user.value(),
                hash(token),
                Timestamp.from(now),
                Timestamp.from(now),
                Timestamp.from(now.plus(lifetime)),
                truncate(ip, 64),
                truncate(userAgent, 512));
        return new Issued(new Session(id, tenant, user, now, now, ip, userAgent), token);
    }

    public Rotation rotate(String presented) {
        Optional<UUID> id = sessionIdOf(presented);
        if (id.isEmpty()) {
            return new Rotation.Rejected();
        }
        List<Row> rows = jdbc.query(
                "SELECT tenant_id, user_id, refresh_token_hash, created_at, ip, user_agent, revoked_at IS NOT NULL AS revoked,"
                        + " expires_at < now() AS expired FROM auth_sessions WHERE id = ? FOR UPDATE",
                (rs, i) -> new Row(
                        new Session(
                                id.get(),
                                new TenantId(rs.getObject(1, UUID.class)),
                                new UserId(rs.getObject(2, UUID.class)),
                                rs.getTimestamp(4).toInstant(),
                                Instant.now(),
                                rs.getString(5),
                                rs.getString(6)),
                        rs.getString(3),
                        rs.getBoolean(7),
                        rs.getBoolean(8)),
                id.get());
        if (rows.isEmpty() || rows.get(0).revoked() || rows.get(0).expired()) {
            return new Rotation.Rejected();
        }
        Row row = rows.get(0);
        if (!MessageDigest.isEqual(
                row.hash().getBytes(StandardCharsets.US_ASCII), hash(presented).getBytes(StandardCharsets.US_ASCII))) {
            revoke(id.get(), "refresh_token_reuse");
            return new Rotation.ReuseDetected(id.get());
        }
        String next = newToken(id.get());
        jdbc.update(
                "UPDATE auth_sessions SET refresh_token_hash = ?, last_used_at = now() WHERE id = ?",
                hash(next),
                id.get());
        return new Rotation.Rotated(row.session(), next);
    }

    public boolean revoke(UUID sessionId, String reason) {
        return jdbc.update(
                        "UPDATE auth_sessions SET revoked_at = now(), revoked_reason = ? WHERE id = ? AND revoked_at IS NULL",
                        reason,
                        sessionId)
                > 0;
    }

    /** The user's sessions that can still be refreshed, most recently used first, at most {@code limit}. */
    public List<Session> openSessionsOf(UserId user, int limit) {
        return jdbc.query(
                "SELECT id, tenant_id, user_id, created_at, last_used_at, ip, user_agent FROM auth_sessions"
                        + " WHERE user_id = ? AND revoked_at IS NULL AND expires_at > now()"
                        + " ORDER BY last_used_at DESC, id LIMIT ?",
                (rs, i) -> new Session(
                        rs.getObject(1, UUID.class),
                        new TenantId(rs.getObject(2, UUID.class)),
                        new UserId(rs.getObject(3, UUID.class)),
                        rs.getTimestamp(4).toInstant(),
                        rs.getTimestamp(5).toInstant(),
                        rs.getString(6),
                        rs.getString(7)),
                user.value(),
                limit);
    }

    /** Revokes one session, but only when it is an open session of {@code user}. */
    public boolean revokeOf(UserId user, UUID sessionId, String reason) {
        return jdbc.update(
                        "UPDATE auth_sessions SET revoked_at = now(), revoked_reason = ?"
                                + " WHERE id = ? AND user_id = ? AND revoked_at IS NULL AND expires_at > now()",
                        reason,
                        sessionId,
                        user.value())
                > 0;
    }

    /**
     * Revokes every session of {@code user} except {@code keep} (none when null) and returns those
     * whose access tokens may still be alive: the ones whose refresh expiry lies after
     * {@code expiredAfter}.
     */
    public List<UUID> revokeAllOf(UserId user, UUID keep, String reason, Instant expiredAfter) {
        return jdbc.queryForList(
                "UPDATE auth_sessions SET revoked_at = now(), revoked_reason = ?"
                        + " WHERE user_id = ? AND revoked_at IS NULL AND expires_at > ? AND id IS DISTINCT FROM ?"
                        + " RETURNING id",
                UUID.class,
                reason,
                user.value(),
                Timestamp.from(expiredAfter),
                new SqlParameterValue(Types.OTHER, keep));
    }

    private record Row(Session session, String hash, boolean revoked, boolean expired) {}

    private static String newToken(UUID sessionId) {
        return OpaqueTokens.issue(sessionId);
    }

    private static Optional<UUID> sessionIdOf(String token) {
        return OpaqueTokens.ownerOf(token);
    }

    static String hash(String token) {
        return OpaqueTokens.sha256(token);
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
