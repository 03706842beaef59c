package dev.tenantcore.infra.audit;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Computes the tenants' chain links after the events are stored: one pass over the event store in
 * global order, one batch per transaction, never inside a command's transaction.
 *
 * <p>Why not at append, and why not an Axon tracking processor. At append, every command of a tenant
 * would wait for the one before it to commit (its link needs the previous one): commands would pay
 * for the chain. An Axon tracking processor costs commands nothing, but it delivers an event whose
 * transaction committed late after the events stored behind it (its gap-aware token fills the gap
 * later), so links would follow commit order, not the global order the chain is defined in and the
 * audit stream, the export and an auditor read. This pass reads the store itself, in global order,
 * from its own position ({@code audit_chain_progress}, locked while it runs, so two nodes never
 * chain at once), and stops at a position missing from the store until the transaction holding it
 * can be taken as gone: the event after the gap is older than {@code gap-wait}, or the gap has been
 * waited on that long. The chain trails the store by a few seconds; a command costs nothing.
 *
 * <p>An event that shows up behind the chain anyway (committed later than that) is never chained:
 * verification reports it as a break, as it would an event slipped into the history.
 */
public class AuditChainBuilder {

    private static final Logger log = LoggerFactory.getLogger(AuditChainBuilder.class);

    /** Passes a request may make when it wants the chain current (a checkpoint on demand). */
    private static final int CATCH_UP_BATCHES = 20;

    private static final String EVENTS = "SELECT global_index, event_identifier, type, aggregate_identifier,"
            + " sequence_number, payload_type, payload_revision, time_stamp, payload, meta_data,"
            + " event_tenant(meta_data) AS event_tenant,"
            // tenant_event_log shows a Tenant aggregate's events to that tenant too (V39's second branch)
            + " CASE WHEN type = 'Tenant' AND aggregate_identifier"
            + " ~ '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'"
            + " THEN aggregate_identifier::uuid END AS aggregate_tenant"
            + " FROM domain_event_entry WHERE global_index > ? ORDER BY global_index LIMIT ?";

    private record Row(StoredEvent event, UUID eventTenant, UUID aggregateTenant) {}

    private record Head(long count, byte[] hash) {}

    private record Link(long position, long count, String eventId, byte[] hash) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final TenantAwareTransactionManager transactions;
    private final AuditChainProperties settings;
    private final Clock clock;

    AuditChainBuilder(
            JdbcTemplate jdbc, TenantAwareTransactionManager transactions, AuditChainProperties settings, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.tx = new TransactionTemplate(transactions);
        this.settings = settings;
        this.clock = clock;
    }

    /** Chains what it can of the stored events, batch after batch; the number of events chained. */
    public long runAll() {
        long total = 0;
        int chained;
        do {
            chained = pass();
            total += chained;
        } while (chained == settings.batch());
        return total;
    }

    /** Chains up to the store's head before a checkpoint is taken on demand, within a bound. */
    public void catchUp() {
        for (int i = 0; i < CATCH_UP_BATCHES && pass() == settings.batch(); i++) {
            // another batch
        }
    }

    /** One batch in one transaction: the number of events read past (chained or of no tenant). */
    int pass() {
        Integer done = tx.execute(status -> {
            var progress = jdbc.queryForMap(
                    "SELECT last_position, gap_position, gap_seen_at FROM audit_chain_progress WHERE id = 1 FOR UPDATE");
            long last = ((Number) progress.get("last_position")).longValue();
            Long gapAt =
                    progress.get("gap_position") == null ? null : ((Number) progress.get("gap_position")).longValue();
            Timestamp gapSeen = (Timestamp) progress.get("gap_seen_at");
            Instant now = clock.instant();
            List<Row> rows = jdbc.query(EVENTS, AuditChainBuilder::row, last, settings.batch());
            List<Row> accepted = new ArrayList<>();
            long expected = last + 1;
            Long waitingOn = null;
            for (Row row : rows) {
                long position = row.event().globalIndex();
                if (position != expected && !gapGone(row, expected, gapAt, gapSeen, now)) {
                    waitingOn = expected;
                    break;
                }
                accepted.add(row);
                expected = position + 1;
            }
            chain(accepted);
            long reached = accepted.isEmpty()
                    ? last
                    : accepted.get(accepted.size() - 1).event().globalIndex();
            if (waitingOn == null) {
                jdbc.update(
                        "UPDATE audit_chain_progress SET last_position = ?, gap_position = NULL, gap_seen_at = NULL WHERE id = 1",
                        reached);
            } else {
                boolean sameGap = waitingOn.equals(gapAt);
                jdbc.update(
                        "UPDATE audit_chain_progress SET last_position = ?, gap_position = ?, gap_seen_at = ? WHERE id = 1",
                        reached,
                        waitingOn,
                        sameGap ? gapSeen : Timestamp.from(now));
            }
            return accepted.size();
        });
        return done == null ? 0 : done;
    }

    /** Whether the positions before {@code row} that are missing can be taken as never coming. */
    private boolean gapGone(Row row, long missing, Long gapAt, Timestamp gapSeen, Instant now) {
        Instant wait = now.minus(settings.gapWait());
        if (Long.valueOf(missing).equals(gapAt)
                && gapSeen != null
                && !gapSeen.toInstant().isAfter(wait)) {
            return true;
        }
        try {
            return !Instant.parse(row.event().timestamp()).isAfter(wait);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Links of each tenant the rows belong to, in global order, after the tenant's current head. */
    private void chain(List<Row> rows) {
        Map<UUID, List<StoredEvent>> byTenant = new LinkedHashMap<>();
        for (Row row : rows) {
            if (row.eventTenant() != null) {
                byTenant.computeIfAbsent(row.eventTenant(), t -> new ArrayList<>())
                        .add(row.event());
            }
            if (row.aggregateTenant() != null && !row.aggregateTenant().equals(row.eventTenant())) {
                byTenant.computeIfAbsent(row.aggregateTenant(), t -> new ArrayList<>())
                        .add(row.event());
            }
        }
        byTenant.forEach((tenant, events) -> {
            transactions.bind(new TenantId(tenant));
            Head head = jdbc
                    .query(
                            "SELECT count, hash FROM audit_chain_links ORDER BY count DESC LIMIT 1",
                            (rs, i) -> new Head(rs.getLong(1), rs.getBytes(2)))
                    .stream()
                    .findFirst()
                    .orElse(new Head(0, ChainLink.GENESIS));
            List<Link> links = new ArrayList<>(events.size());
            byte[] previous = head.hash();
            long count = head.count();
            for (StoredEvent event : events) {
                previous = ChainLink.next(previous, event);
                links.add(new Link(event.globalIndex(), ++count, event.eventId(), previous));
            }
            jdbc.batchUpdate(
                    "INSERT INTO audit_chain_links (tenant_id, global_position, count, event_id, hash)"
                            + " VALUES (?, ?, ?, ?, ?)",
                    links,
                    links.size(),
                    (ps, link) -> {
                        ps.setObject(1, tenant);
                        ps.setLong(2, link.position());
                        ps.setLong(3, link.count());
                        ps.setString(4, link.eventId());
                        ps.setBytes(5, link.hash());
                    });
        });
        if (!rows.isEmpty()) {
            log.debug("Chained {} events of {} tenants", rows.size(), byTenant.size());
        }
    }

    private static Row row(ResultSet rs, int i) throws SQLException {
        StoredEvent event = StoredEvent.of(rs);
        return new Row(event, (UUID) rs.getObject(11), (UUID) rs.getObject(12));
    }
}
