package dev.tenantcore.infra.security;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.identity.Role;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Short-lived, single-use tickets that stand for an access token where a browser cannot send one:
 * the upgrade request of a WebSocket. A ticket is issued to a signed-in caller and carries what
 * their token said (user, role, session, expiry); redeeming it deletes it, so it opens one socket
 * at most. Only its SHA-256 is stored, in {@code live_tickets} under the tenant's row-level
 * security: a ticket is found only on its own tenant's domains, and a stolen table row opens nothing.
 */
@Component
public class LiveTickets {

    /** Marks the string as a ticket in logs and leaked URLs; never a valid access token. */
    static final String PREFIX = "lvt_";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    LiveTickets(JdbcTemplate jdbc, TenantAwareTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
        this.clock = Clock.systemUTC();
    }

    /** Who a redeemed ticket (or an access token on the upgrade itself) speaks for. */
    public record Holder(TenantId tenant, UserId user, Role role, UUID session, Instant tokenExpiresAt) {}

    /** A new ticket and the instant it stops working. */
    public record Issued(String ticket, Instant expiresAt) {}

    /**
     * A ticket for the caller of the current request, valid for {@code ttl} and never beyond their
     * token's own expiry. The caller's tenant's expired tickets are removed on the way.
     */
    public Issued issue(Holder holder, Duration ttl) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String ticket = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        Instant expiresAt = now.plus(ttl);
        if (expiresAt.isAfter(holder.tokenExpiresAt())) {
            expiresAt = holder.tokenExpiresAt();
        }
        Instant until = expiresAt;
        try (var scope = TenantContext.enter(holder.tenant(), holder.user())) {
            transactions.executeWithoutResult(status -> {
                jdbc.update("DELETE FROM live_tickets WHERE expires_at < ?", Timestamp.from(now));
                jdbc.update(
                        "INSERT INTO live_tickets (tenant_id, ticket_hash, user_id, role, session_id,"
                                + " token_expires_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        holder.tenant().value(),
                        hash(ticket),
                        holder.user().value(),
                        holder.role().wireName(),
                        holder.session(),
                        Timestamp.from(holder.tokenExpiresAt()),
                        Timestamp.from(until));
            });
        }
        return new Issued(ticket, until);
    }

    /**
     * Redeems {@code ticket} for the current request's tenant: the holder it was issued to, once;
     * empty when it is unknown here (another tenant's included), used already or expired.
     */
    public Optional<Holder> redeem(String ticket) {
        Optional<TenantId> tenant = TenantContext.current().filter(t -> !t.isPlatform());
        if (tenant.isEmpty() || ticket == null || !ticket.startsWith(PREFIX) || ticket.length() > 100) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        List<Holder> found = transactions.execute(status -> jdbc.query(
                "DELETE FROM live_tickets WHERE ticket_hash = ?"
                        + " RETURNING user_id, role, session_id, token_expires_at, expires_at",
                (rs, i) -> rs.getTimestamp(5).toInstant().isAfter(now)
                        ? new Holder(
                                tenant.get(),
                                new UserId(rs.getObject(1, UUID.class)),
                                Role.fromWireName(rs.getString(2)),
                                rs.getObject(3, UUID.class),
                                rs.getTimestamp(4).toInstant())
                        : null,
                (Object) hash(ticket)));
        return found == null
                ? Optional.empty()
                : found.stream().filter(h -> h != null).findFirst();
    }

    private static byte[] hash(String ticket) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(ticket.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
