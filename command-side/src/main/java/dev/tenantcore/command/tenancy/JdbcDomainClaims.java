package dev.tenantcore.command.tenancy;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.tenancy.TenantDomainClaimReleasedEvent.Reason;
import dev.tenantcore.command.common.UniqueKeys;
import dev.tenantcore.infra.persistence.AfterCommit;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Lazy;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link DomainClaims} in {@code unverified_domain_claims}, a platform table: a name is contested
 * between tenants, so proving it must end other tenants' claims, which row-level security would
 * hide. No endpoint reads it; only the command side and its scheduled work do. Claims on one name
 * are serialised by a transaction-scoped advisory lock, so a claim made while another tenant proves
 * the name either sees the proof or is ended by it.
 */
@Component
class JdbcDomainClaims implements DomainClaims {

    private final JdbcTemplate jdbc;
    private final DomainSettings settings;
    private final Clock clock;
    private final OneTimeTask<DomainClaimTasks.Lapsed> lapsedClaims;
    private final Scheduler scheduler;

    /**
     * The scheduler is lazy: Axon's deadline manager needs it, it needs its tasks, and they send
     * commands. The clock is the application's if it has one (tests move it), else the system's.
     */
    JdbcDomainClaims(
            JdbcTemplate jdbc,
            DomainSettings settings,
            ObjectProvider<Clock> clock,
            OneTimeTask<DomainClaimTasks.Lapsed> lapsedClaims,
            @Lazy Scheduler scheduler) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
        this.lapsedClaims = lapsedClaims;
        this.scheduler = scheduler;
    }

    @Override
    public void claimUnverified(String domain, TenantId tenant, String token) {
        lock(domain);
        List<UUID> holders = jdbc.queryForList(
                "SELECT owner_id FROM platform_unique_keys WHERE scope = ? AND key = ?",
                UUID.class,
                UniqueKeys.Scope.DOMAIN.name(),
                domain);
        if (!holders.isEmpty() && !holders.get(0).equals(tenant.value())) {
            throw UniqueKeys.Scope.DOMAIN.taken(domain);
        }
        jdbc.update(
                "INSERT INTO unverified_domain_claims (domain, claimant_id, token, claimed_at) VALUES (?, ?, ?, ?)"
                        + " ON CONFLICT (domain, claimant_id) DO NOTHING",
                domain,
                tenant.value(),
                token,
                Timestamp.from(clock.instant()));
    }

    @Override
    public void proven(String domain, TenantId tenant) {
        lock(domain);
        List<UUID> others = jdbc.queryForList(
                "DELETE FROM unverified_domain_claims WHERE domain = ? RETURNING claimant_id", UUID.class, domain);
        boolean queued = false;
        for (UUID other : others) {
            if (!other.equals(tenant.value())) {
                DomainClaimTasks.Lapsed lapsed = new DomainClaimTasks.Lapsed(other.toString(), domain);
                // Queued in this transaction: rolled back with the proof, run once it has committed.
                scheduler.scheduleIfNotExists(lapsedClaims.instance(lapsed.id(), lapsed), clock.instant());
                queued = true;
            }
        }
        if (queued) {
            AfterCommit.run(scheduler::triggerCheckForDueExecutions);
        }
    }

    @Override
    public void release(String domain, TenantId tenant) {
        jdbc.update(
                "DELETE FROM unverified_domain_claims WHERE domain = ? AND claimant_id = ?", domain, tenant.value());
    }

    @Override
    public Optional<String> unverifiedToken(String domain, TenantId tenant) {
        return jdbc
                .queryForList(
                        "SELECT token FROM unverified_domain_claims WHERE domain = ? AND claimant_id = ?",
                        String.class,
                        domain,
                        tenant.value())
                .stream()
                .findFirst();
    }

    @Override
    public Optional<Reason> lapse(String domain, TenantId tenant) {
        List<Timestamp> claimedAt = jdbc.queryForList(
                "SELECT claimed_at FROM unverified_domain_claims WHERE domain = ? AND claimant_id = ? FOR UPDATE",
                Timestamp.class,
                domain,
                tenant.value());
        if (claimedAt.isEmpty()) {
            return Optional.of(Reason.PROVEN_ELSEWHERE);
        }
        if (claimedAt.get(0).toInstant().isAfter(expiredBefore())) {
            return Optional.empty();
        }
        release(domain, tenant);
        return Optional.of(Reason.EXPIRED);
    }

    @Override
    public List<Claim> expired(int limit) {
        return jdbc.query(
                "SELECT claimant_id, domain FROM unverified_domain_claims WHERE claimed_at <= ?"
                        + " ORDER BY claimed_at LIMIT ?",
                (row, n) -> new Claim(new TenantId(row.getObject(1, UUID.class)), row.getString(2)),
                Timestamp.from(expiredBefore()),
                limit);
    }

    /** Claims made at or before this instant have expired. */
    private Instant expiredBefore() {
        return clock.instant().minus(settings.getUnverifiedClaimTtl());
    }

    private void lock(String domain) {
        jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended('domain-claim:' || ?, 0))", row -> {}, domain);
    }
}
