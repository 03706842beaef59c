package dev.tenantcore.infra.retention;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.security.SecurityProperties;
import dev.tenantcore.infra.security.SigningKeys;
import dev.tenantcore.infra.tenancy.TenantContext;
import dev.tenantcore.infra.tenancy.TenantDirectory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes what has outlived its use (see {@link RetentionProperties}). The runtime role sees one
 * tenant's rows at a time (forced row-level security, no BYPASSRLS), so every tenant, the platform
 * scope included (platform administrators' sessions and idempotency records), is purged in
 * transactions bound to it, as any request is; the platform's own table of revocations has no
 * tenant and is purged as such. Each statement deletes at most {@code batch-size} rows in its own
 * transaction, so no purge holds many locks or a long transaction, and a failure leaves what was
 * already purged purged. Tenants come from the tenant directory, reloaded first; one registered
 * during a run is purged by the next.
 *
 * <p>Public so that a test or an operator's tool can purge one tenant; the schedule is
 * {@link RetentionConfiguration}'s.
 */
public class RetentionPurge {

    /** A revocation or a session that goes earlier could let a token through that should be refused. */
    static final Duration TOKEN_CLOCK_SKEW = SigningKeys.CLOCK_SKEW;

    private static final Logger log = LoggerFactory.getLogger(RetentionPurge.class);

    /** One table's purge: rows matching {@code condition}, whose one parameter is {@code keptFor} in seconds. */
    private record Purge(String table, boolean perTenant, String condition, Duration keptFor) {

        String statement() {
            // ctid from a LIMITed subselect: PostgreSQL has no DELETE ... LIMIT. Under row-level
            // security both the subselect and the delete see the bound tenant's rows only.
            return "DELETE FROM " + table + " WHERE ctid IN (SELECT ctid FROM " + table + " WHERE " + condition
                    + " LIMIT ?)";
        }
    }

    /** What one run deleted, per table, and how many tenant scopes it purged. */
    public record Purged(int tenants, Map<String, Long> deleted) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final TenantDirectory directory;
    private final int batchSize;
    private final List<Purge> purges;

    RetentionPurge(
            JdbcTemplate jdbc,
            PlatformTransactionManager transactionManager,
            TenantDirectory directory,
            RetentionProperties retention,
            SecurityProperties tokens) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.directory = directory;
        this.batchSize = retention.batchSize();
        check(retention, tokens);
        this.purges = List.of(
                // A live key is never purged, whatever the setting: its retry must still be answered.
                // Nor one that expired a moment ago: a request that found it live at the start of its
                // transaction reads it again (IdempotencyFilter.claim) and must still find it.
                new Purge(
                        "idempotency_keys",
                        true,
                        "expires_at < now() - interval '1 minute' AND created_at < now() - make_interval(secs => ?)",
                        retention.idempotencyKeys()),
                new Purge(
                        "auth_sessions",
                        true,
                        "expires_at < now() - make_interval(secs => ?)",
                        retention.sessionsAfterExpiry()),
                new Purge(
                        "webhook_deliveries",
                        true,
                        "received_at < now() - make_interval(secs => ?)",
                        retention.webhookDeliveries()),
                new Purge(
                        "revoked_sessions",
                        false,
                        "expires_at < now() - make_interval(secs => ?)",
                        retention.revokedSessionsAfterExpiry()));
    }

    /**
     * Settings that would delete what still protects someone are refused at start: a session must
     * outlive the access tokens issued from it (ending all of a user's sessions revokes those, and
     * finds them through the session rows), and a revocation must outlive its tokens' last valid
     * second.
     */
    private static void check(RetentionProperties retention, SecurityProperties tokens) {
        Duration tokenLife = tokens.accessTokenTtl().plus(TOKEN_CLOCK_SKEW);
        if (retention.sessionsAfterExpiry().compareTo(tokenLife) < 0) {
            throw new IllegalStateException("app.retention.sessions-after-expiry must be at least the access token"
                    + " lifetime plus " + TOKEN_CLOCK_SKEW.toSeconds() + " s (" + tokenLife + ")");
        }
        if (retention.revokedSessionsAfterExpiry().compareTo(TOKEN_CLOCK_SKEW) < 0) {
            throw new IllegalStateException(
                    "app.retention.revoked-sessions-after-expiry must be at least " + TOKEN_CLOCK_SKEW);
        }
        if (retention.idempotencyKeys().isNegative()
                || retention.webhookDeliveries().isNegative()) {
            throw new IllegalStateException("app.retention durations cannot be negative");
        }
        if (retention.batchSize() < 1) {
            throw new IllegalStateException("app.retention.batch-size must be positive");
        }
    }

    /**
     * Purges every tenant, the platform scope and the platform tables. A tenant whose purge fails is
     * logged and skipped, so the others are still purged; the run then fails, and is retried on the
     * next schedule.
     */
    public Purged purgeAll() {
        directory.reload();
        List<TenantId> scopes = new ArrayList<>(directory.tenantIds());
        scopes.add(TenantId.PLATFORM);
        Map<String, Long> deleted = new LinkedHashMap<>();
        RuntimeException failure = null;
        for (TenantId tenant : scopes) {
            try {
                purgeTenant(tenant).forEach((table, rows) -> deleted.merge(table, rows, Long::sum));
            } catch (RuntimeException e) {
                log.warn("retention purge of tenant {} failed; the others go on", tenant, e);
                failure = e;
            }
        }
        for (Purge purge : purges) {
            if (!purge.perTenant()) {
                deleted.merge(purge.table(), inBatches(purge), Long::sum);
            }
        }
        if (deleted.values().stream().anyMatch(rows -> rows > 0)) {
            log.info("retention purge of {} tenant scopes deleted {}", scopes.size(), deleted);
        }
        if (failure != null) {
            throw failure;
        }
        return new Purged(scopes.size(), deleted);
    }

    /** Purges one tenant's rows only, in transactions bound to it. */
    public Map<String, Long> purgeTenant(TenantId tenant) {
        Map<String, Long> deleted = new LinkedHashMap<>();
        try (var scope = TenantContext.enter(tenant, null)) {
            for (Purge purge : purges) {
                if (purge.perTenant()) {
                    deleted.put(purge.table(), inBatches(purge));
                }
            }
        }
        return deleted;
    }

    private long inBatches(Purge purge) {
        String statement = purge.statement();
        double seconds = purge.keptFor().toMillis() / 1000.0;
        long total = 0;
        int deleted;
        do {
            // A transaction per batch: the tenant transaction manager binds the entered tenant.
            deleted = transactions.execute(status -> jdbc.update(statement, seconds, batchSize));
            total += deleted;
        } while (deleted == batchSize);
        return total;
    }
}
