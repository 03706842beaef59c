package dev.tenantcore.infra.audit;

import dev.tenantcore.api.audit.ChainBreak;
import dev.tenantcore.api.audit.ChainVerification;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The current tenant's hash chain as stored in {@code audit_chain_links} (row-level security keeps
 * it to the tenant set for the transaction), and its verification against the event store.
 */
@Component
public class AuditChain implements ChainHeads {

    private static final String STREAM = "SELECT e.global_index, e.event_identifier, e.type, e.aggregate_identifier,"
            + " e.sequence_number, e.payload_type, e.payload_revision, e.time_stamp, e.payload, e.meta_data,"
            + " l.count, l.hash"
            + " FROM tenant_event_log e"
            + " LEFT JOIN audit_chain_links l"
            + " ON l.tenant_id = app_current_tenant() AND l.global_position = e.global_index"
            + " WHERE e.global_index <= ? ORDER BY e.global_index";

    private static final int CHECKPOINT_PAGE = 200;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    AuditChain(JdbcTemplate jdbc, TenantAwareTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    @Override
    public Optional<ChainHead> headAt(long globalPosition) {
        return readOnly.execute(status -> jdbc
                .query(
                        "SELECT count, global_position, hash FROM audit_chain_links"
                                + " WHERE global_position <= ? ORDER BY global_position DESC LIMIT 1",
                        (rs, i) -> new ChainHead(rs.getLong(1), rs.getLong(2), ChainLink.hex(rs.getBytes(3))),
                        globalPosition)
                .stream()
                .findFirst());
    }

    /** The current head of the tenant's chain, if it has one; within the caller's transaction. */
    Optional<ChainHead> head() {
        return jdbc
                .query(
                        "SELECT count, global_position, hash FROM audit_chain_links ORDER BY count DESC LIMIT 1",
                        (rs, i) -> new ChainHead(rs.getLong(1), rs.getLong(2), ChainLink.hex(rs.getBytes(3))))
                .stream()
                .findFirst();
    }

    /**
     * Recomputes the tenant's chain from the stored events in one read-only pass over a server-side
     * cursor (memory stays flat) and compares each link, and each signed checkpoint's head, with the
     * recomputed one. Stops at the first break. Aggregate types are as stored ({@code Product}).
     */
    public ChainVerification verify() {
        return readOnly.execute(status -> {
            ChainHead head = head().orElse(new ChainHead(0, 0, ChainLink.hex(ChainLink.GENESIS)));
            Long pending = jdbc.queryForObject(
                    "SELECT count(*) FROM tenant_event_log WHERE global_index > ?", Long.class, head.globalPosition());
            Checkpoints checkpoints = new Checkpoints();
            checkpoints.meet(0, 0, ChainLink.GENESIS);
            Walk walk = jdbc.query(
                    connection -> {
                        var statement = connection.prepareStatement(STREAM);
                        statement.setFetchSize(TenantEventLog.FETCH_SIZE);
                        statement.setLong(1, head.globalPosition());
                        return statement;
                    },
                    (ResultSetExtractor<Walk>) rs -> walk(rs, checkpoints));
            ChainBreak broken = walk.broken();
            if (broken == null && walk.verified() < head.count()) {
                broken = missing(walk.verified() + 1);
            }
            return new ChainVerification(
                    walk.verified(),
                    head.globalPosition(),
                    pending == null ? 0 : pending,
                    broken,
                    checkpoints.verified,
                    checkpoints.broken);
        });
    }

    private record Walk(long verified, ChainBreak broken) {}

    private Walk walk(ResultSet rs, Checkpoints checkpoints) throws SQLException {
        byte[] previous = ChainLink.GENESIS;
        long verified = 0;
        while (rs.next()) {
            StoredEvent event = StoredEvent.of(rs);
            long count = rs.getLong(11);
            if (rs.wasNull()) {
                // An event behind the chain's head that no link covers: slipped in after the chain passed.
                return new Walk(verified, at(event));
            }
            if (count != verified + 1) {
                // The links before this one have no event any more: it was removed.
                return new Walk(verified, missing(verified + 1));
            }
            byte[] link = ChainLink.next(previous, event);
            if (!Arrays.equals(link, rs.getBytes(12))) {
                return new Walk(verified, at(event));
            }
            previous = link;
            verified++;
            checkpoints.meet(verified, event.globalIndex(), link);
        }
        return new Walk(verified, null);
    }

    private static ChainBreak at(StoredEvent event) {
        String type = event.payloadType();
        return new ChainBreak(
                event.globalIndex(),
                event.eventId(),
                event.aggregateType(),
                event.aggregateId(),
                event.sequence(),
                type == null ? null : type.substring(type.lastIndexOf('.') + 1));
    }

    private ChainBreak missing(long count) {
        return jdbc
                .query(
                        "SELECT global_position, event_id FROM audit_chain_links WHERE count = ?",
                        (rs, i) -> new ChainBreak(rs.getLong(1), rs.getString(2), null, null, null, null),
                        count)
                .stream()
                .findFirst()
                .orElse(new ChainBreak(0, null, null, null, null, null));
    }

    /** The tenant's checkpoints in chain order, read a page at a time while the walk goes on. */
    private final class Checkpoints {
        private record Checkpoint(UUID id, long count, long position, String head, long seq) {}

        private final Deque<Checkpoint> page = new ArrayDeque<>();
        private long afterCount = -1;
        private long afterSeq = -1;
        private boolean exhausted;
        long verified;
        UUID broken;

        /** The recomputed chain covers {@code count} events, the last at {@code position}, with {@code link}. */
        void meet(long count, long position, byte[] link) {
            while (true) {
                Checkpoint next = peek();
                if (next == null || next.count() > count) {
                    return;
                }
                page.poll();
                if (next.count() == count
                        && next.position() == position
                        && next.head().equals(HexFormat.of().formatHex(link))) {
                    verified++;
                } else if (broken == null) {
                    broken = next.id();
                }
            }
        }

        private Checkpoint peek() {
            if (page.isEmpty() && !exhausted) {
                List<Checkpoint> more = jdbc.query(
                        "SELECT id, count, global_position, head, seq FROM audit_checkpoints"
                                + " WHERE (count, seq) > (?, ?) ORDER BY count, seq LIMIT ?",
                        (rs, i) -> new Checkpoint(
                                rs.getObject(1, UUID.class),
                                rs.getLong(2),
                                rs.getLong(3),
                                rs.getString(4),
                                rs.getLong(5)),
                        afterCount,
                        afterSeq,
                        CHECKPOINT_PAGE);
                exhausted = more.size() < CHECKPOINT_PAGE;
                if (!more.isEmpty()) {
                    Checkpoint last = more.get(more.size() - 1);
                    afterCount = last.count();
                    afterSeq = last.seq();
                }
                page.addAll(more);
            }
            return page.peek();
        }
    }
}
