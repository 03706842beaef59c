package dev.tenantcore.infra.security;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
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

    private static final SecureRandom RANDOM = new SecureRandom();

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

    private record Row(Session session, String hash, boolean revoked, boolean expired) {}

    private static String newToken(UUID sessionId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return sessionId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    private static Optional<UUID> sessionIdOf(String token) {
        if (token == null || token.length() > 200) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        try {
            return dot == 36 ? Optional.of(UUID.fromString(token.substring(0, dot))) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String truncate(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
