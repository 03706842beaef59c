package dev.tenantcore.command.tenancy;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * {@link PendingSignUps} in {@code pending_sign_ups}, a platform table like {@code tenant_trials}:
 * the resend endpoint and the sweep run before there is a tenant to scope a query to. No endpoint
 * reads it back to a caller.
 */
@Component
class JdbcPendingSignUps implements PendingSignUps {

    private static final String COLUMNS = "signup_tenant_id, slug, owner_id, owner_email";
    private static final RowMapper<PendingSignUp> ROW = (rs, n) -> new PendingSignUp(
            new TenantId(rs.getObject("signup_tenant_id", UUID.class)),
            rs.getString("slug"),
            new UserId(rs.getObject("owner_id", UUID.class)),
            rs.getString("owner_email"));

    private final JdbcTemplate jdbc;
    private final Clock clock;

    JdbcPendingSignUps(JdbcTemplate jdbc, ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    @Override
    public void requested(TenantId tenant, String slug, UserId ownerId, String ownerEmail, Instant tokenExpiresAt) {
        jdbc.update(
                "INSERT INTO pending_sign_ups (" + COLUMNS + ", requested_at, token_expires_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (signup_tenant_id) DO NOTHING",
                tenant.value(),
                slug,
                ownerId.value(),
                ownerEmail,
                Timestamp.from(clock.instant().truncatedTo(ChronoUnit.MICROS)),
                Timestamp.from(tokenExpiresAt));
    }

    @Override
    public void reissued(TenantId tenant, Instant tokenExpiresAt) {
        jdbc.update(
                "UPDATE pending_sign_ups SET token_expires_at = ? WHERE signup_tenant_id = ?",
                Timestamp.from(tokenExpiresAt),
                tenant.value());
    }

    @Override
    public void ended(TenantId tenant) {
        jdbc.update("DELETE FROM pending_sign_ups WHERE signup_tenant_id = ?", tenant.value());
    }

    @Override
    public List<PendingSignUp> byEmail(String ownerEmail, int limit) {
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM pending_sign_ups WHERE owner_email = ?"
                        + " ORDER BY requested_at DESC LIMIT ?",
                ROW,
                ownerEmail,
                limit);
    }

    @Override
    public Optional<PendingSignUp> bySlug(String slug) {
        return jdbc.query("SELECT " + COLUMNS + " FROM pending_sign_ups WHERE slug = ?", ROW, slug).stream()
                .findFirst();
    }

    @Override
    public List<TenantId> lapsed(Instant requestedBefore, Instant now, int limit) {
        return jdbc
                .queryForList(
                        "SELECT signup_tenant_id FROM pending_sign_ups WHERE requested_at <= ? AND token_expires_at <= ?"
                                + " ORDER BY requested_at LIMIT ?",
                        UUID.class,
                        Timestamp.from(requestedBefore),
                        Timestamp.from(now),
                        limit)
                .stream()
                .map(TenantId::new)
                .toList();
    }
}
