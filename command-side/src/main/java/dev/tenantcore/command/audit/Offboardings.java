package dev.tenantcore.command.audit;

import dev.tenantcore.api.audit.ExportResponse;
import dev.tenantcore.api.audit.OffboardingResponse;
import dev.tenantcore.api.common.DomainException;
import dev.tenantcore.api.common.ErrorCode;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.tenancy.CloseTenantCommand;
import dev.tenantcore.api.tenancy.ShredTenantKeysCommand;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import dev.tenantcore.infra.tenancy.TenantContext;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A platform administrator offboards a tenant: a full export first, then, once it is ready, the
 * tenant is closed with the existing close command, sent in the platform's name as the
 * administrator's own close would be. A failed export leaves the tenant open. The state is a row of
 * {@code tenant_offboardings}, under the tenant's row-level security like its exports; at most one
 * per tenant.
 *
 * <p>Asked to, it then erases the closed tenant as a whole: {@link ShredTenantKeysCommand}, in the
 * platform's name, deletes every data subject key of the tenant, so the personal data in its events
 * reads as erased; the export, taken before, keeps them as they were. Never before the close: an
 * open tenant still serves its data, and a failed export leaves the keys too.
 */
@Component
class Offboardings {

    static final String EXPORTING = "exporting";
    static final String CLOSED = "closed";
    static final String FAILED = "failed";
    static final String DEFAULT_REASON = "Offboarded: the tenant's history was exported first.";

    private static final Logger log = LoggerFactory.getLogger(Offboardings.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final AuditExports exports;
    private final ObjectProvider<CommandGateway> commands;
    private final Clock clock;

    Offboardings(
            JdbcTemplate jdbc,
            TenantAwareTransactionManager transactions,
            AuditExports exports,
            ObjectProvider<CommandGateway> commands,
            ObjectProvider<Clock> clock) {
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.exports = exports;
        this.commands = commands;
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** Starts {@code tenant}'s offboarding; {@code 409 offboarding_started} when it has one already. */
    OffboardingResponse start(TenantId tenant, UUID requestedBy, String reason, boolean shredKeys) {
        try (var scope = TenantContext.enter(tenant, requestedBy == null ? null : new UserId(requestedBy))) {
            return transaction.execute(status -> {
                Integer existing = jdbc.queryForObject("SELECT count(*) FROM tenant_offboardings", Integer.class);
                if (existing != null && existing > 0) {
                    throw new DomainException(
                            ErrorCode.OFFBOARDING_STARTED, "The tenant's offboarding has started already.");
                }
                ExportResponse export = exports.start(tenant, requestedBy);
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
                jdbc.update(
                        "INSERT INTO tenant_offboardings (tenant_id, export_id, status, requested_by, requested_at,"
                                + " reason, shred_keys) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (tenant_id) DO NOTHING",
                        tenant.value(),
                        export.id(),
                        EXPORTING,
                        requestedBy,
                        Timestamp.from(now),
                        reason,
                        shredKeys);
                return new OffboardingResponse(
                        tenant.value(), EXPORTING, export, requestedBy, now, null, null, shredKeys, null);
            });
        }
    }

    /** {@code tenant}'s offboarding; {@code 404} when none was started. */
    OffboardingResponse find(TenantId tenant) {
        try (var scope = TenantContext.enter(tenant, null)) {
            OffboardingResponse found = transaction.execute(status -> {
                List<OffboardingResponse> rows = jdbc.query(
                        "SELECT export_id, status, requested_by, requested_at, closed_at, error, shred_keys,"
                                + " keys_shredded FROM tenant_offboardings",
                        (rs, i) -> {
                            Timestamp closedAt = rs.getTimestamp(5);
                            return new OffboardingResponse(
                                    tenant.value(),
                                    rs.getString(2),
                                    exports.findIn(rs.getObject(1, UUID.class)),
                                    rs.getObject(3, UUID.class),
                                    rs.getTimestamp(4).toInstant(),
                                    closedAt == null ? null : closedAt.toInstant(),
                                    rs.getString(6),
                                    rs.getBoolean(7),
                                    rs.getObject(8, Integer.class));
                        });
                return rows.isEmpty() ? null : rows.get(0);
            });
            if (found == null) {
                throw new DomainException(ErrorCode.NOT_FOUND, "The tenant has no offboarding.");
            }
            return found;
        }
    }

    /**
     * After export {@code exportId} of {@code tenant} ended with {@code status}: if it was the
     * tenant's offboarding export, closes the tenant once it is ready, or records why not.
     */
    void exportOver(TenantId tenant, UUID exportId, String status) {
        record Pending(UUID requestedBy, String reason, boolean shredKeys) {}
        Pending pending;
        try (var scope = TenantContext.enter(tenant, null)) {
            pending = transaction.execute(tx -> jdbc
                    .query(
                            "SELECT requested_by, reason, shred_keys FROM tenant_offboardings"
                                    + " WHERE export_id = ? AND status = ?",
                            (rs, i) -> new Pending(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3)),
                            exportId,
                            EXPORTING)
                    .stream()
                    .findFirst()
                    .orElse(null));
        }
        if (pending == null) {
            return;
        }
        if (!AuditExports.READY.equals(status)) {
            record(tenant, FAILED, "The export failed, so the tenant was not closed; see the export's error.");
            return;
        }
        UserId admin = pending.requestedBy() == null ? null : new UserId(pending.requestedBy());
        try (var platform = TenantContext.enter(TenantId.PLATFORM, admin)) {
            commands.getObject()
                    .sendAndWait(new CloseTenantCommand(
                            tenant, null, pending.reason() == null ? DEFAULT_REASON : pending.reason()));
        } catch (RuntimeException e) {
            log.warn("offboarding of tenant {}: the close was refused", tenant, e);
            record(tenant, FAILED, "The tenant could not be closed: " + e.getMessage());
            return;
        }
        record(tenant, CLOSED, null);
        if (pending.shredKeys()) {
            shredKeys(tenant, admin);
        }
    }

    /** The closed tenant's keys shredded, the count recorded; a refusal is recorded as the error. */
    private void shredKeys(TenantId tenant, UserId admin) {
        Integer shredded;
        try (var platform = TenantContext.enter(TenantId.PLATFORM, admin)) {
            shredded = commands.getObject().sendAndWait(new ShredTenantKeysCommand(tenant));
        } catch (RuntimeException e) {
            log.warn("offboarding of tenant {}: its keys could not be shredded", tenant, e);
            String error = "The tenant was closed, but its keys could not be shredded: " + e.getMessage();
            try (var scope = TenantContext.enter(tenant, null)) {
                transaction.executeWithoutResult(tx -> jdbc.update(
                        "UPDATE tenant_offboardings SET error = ?",
                        error.length() <= 500 ? error : error.substring(0, 500)));
            }
            return;
        }
        try (var scope = TenantContext.enter(tenant, null)) {
            transaction.executeWithoutResult(
                    tx -> jdbc.update("UPDATE tenant_offboardings SET keys_shredded = ?", shredded));
        }
    }

    private void record(TenantId tenant, String status, String error) {
        try (var scope = TenantContext.enter(tenant, null)) {
            transaction.executeWithoutResult(tx -> jdbc.update(
                    "UPDATE tenant_offboardings SET status = ?, error = ?, closed_at = ? WHERE status = ?",
                    status,
                    error == null || error.length() <= 500 ? error : error.substring(0, 500),
                    CLOSED.equals(status) ? Timestamp.from(clock.instant()) : null,
                    EXPORTING));
        }
    }
}
