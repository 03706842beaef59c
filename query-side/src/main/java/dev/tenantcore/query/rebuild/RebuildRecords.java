package dev.tenantcore.query.rebuild;

import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** The rebuilds in {@code projection_rebuilds} (V50): platform rows, no tenant set. */
@Component
class RebuildRecords {

    private static final String COLUMNS = "SELECT id, projection, rebuilt_tenant_id, status, events_replayed,"
            + " start_position, position, head_position, started_at, finished_at, error, node_id"
            + " FROM projection_rebuilds ";
    private static final int MAX_ERROR = 1000;

    record Rebuild(
            UUID id,
            String projection,
            UUID tenant,
            String status,
            long eventsReplayed,
            Long startPosition,
            Long position,
            Long headPosition,
            Instant startedAt,
            Instant finishedAt,
            String error,
            String node) {

        ProjectionRebuildResponse response(Instant now) {
            Instant end = finishedAt == null ? now : finishedAt;
            double seconds = Math.max(Duration.between(startedAt, end).toMillis(), 1) / 1000.0;
            long replayed = tenant == null && position != null
                    ? Math.max(position - (startPosition == null ? 0 : startPosition), 0)
                    : eventsReplayed;
            return new ProjectionRebuildResponse(
                    id,
                    projection,
                    tenant,
                    status,
                    replayed,
                    Math.round(replayed / seconds * 10) / 10.0,
                    position,
                    headPosition,
                    startedAt,
                    finishedAt,
                    error);
        }
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    RebuildRecords(JdbcTemplate jdbc, TenantAwareTransactionManager transactions) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactions);
    }

    /**
     * Records a rebuild as running, unless one of the same projection for the same tenant, or one in
     * full and one for a tenant, would run together: then false, and nothing is recorded.
     */
    boolean begin(UUID id, String projection, UUID tenant, String node, Long head) {
        Boolean begun = transactions.execute(status -> {
            // Serializes the beginnings of one projection's rebuilds, so the check below holds.
            jdbc.query(
                    "SELECT pg_advisory_xact_lock(hashtext('projection_rebuilds'), hashtext(?))",
                    rs -> null,
                    projection);
            Integer clashing = jdbc.queryForObject("""
                    SELECT count(*) FROM projection_rebuilds
                     WHERE projection = ? AND status = 'running'
                       AND (CAST(? AS uuid) IS NULL OR rebuilt_tenant_id IS NULL OR rebuilt_tenant_id = CAST(? AS uuid))
                    """, Integer.class, projection, tenant, tenant);
            if (clashing != null && clashing > 0) {
                return false;
            }
            jdbc.update(
                    "INSERT INTO projection_rebuilds (id, projection, rebuilt_tenant_id, status, node_id, head_position,"
                            + " started_at) VALUES (?, ?, ?, 'running', ?, ?, now())",
                    id,
                    projection,
                    tenant,
                    node,
                    head);
            return true;
        });
        return Boolean.TRUE.equals(begun);
    }

    Rebuild find(UUID id) {
        return jdbc.query(COLUMNS + "WHERE id = ?", RebuildRecords::row, id).stream()
                .findFirst()
                .orElse(null);
    }

    /** Running rebuilds of this node, in full ({@code full}) or per tenant. */
    List<Rebuild> running(String node, boolean full) {
        return jdbc.query(
                COLUMNS + "WHERE status = 'running' AND node_id = ? AND (rebuilt_tenant_id IS NULL) = ?"
                        + " ORDER BY started_at",
                RebuildRecords::row,
                node,
                full);
    }

    void progress(UUID id, long replayed, long position) {
        jdbc.update(
                "UPDATE projection_rebuilds SET events_replayed = ?, position = ? WHERE id = ? AND status = 'running'",
                replayed,
                position,
                id);
    }

    void positions(UUID id, Long start, Long position, Long head) {
        jdbc.update(
                "UPDATE projection_rebuilds SET start_position = COALESCE(start_position, ?), position = ?,"
                        + " head_position = COALESCE(?, head_position) WHERE id = ? AND status = 'running'",
                start,
                position,
                head,
                id);
    }

    /** Starts a resumed per-tenant rebuild again from nothing. */
    void restart(UUID id) {
        jdbc.update(
                "UPDATE projection_rebuilds SET events_replayed = 0, position = NULL, started_at = now()"
                        + " WHERE id = ? AND status = 'running'",
                id);
    }

    void completed(UUID id) {
        jdbc.update(
                "UPDATE projection_rebuilds SET status = 'completed', finished_at = now() WHERE id = ? AND status = 'running'",
                id);
    }

    void failed(UUID id, String error) {
        String cut = error == null ? "failed" : error.length() > MAX_ERROR ? error.substring(0, MAX_ERROR) : error;
        jdbc.update(
                "UPDATE projection_rebuilds SET status = 'failed', finished_at = now(), error = ? WHERE id = ? AND status = 'running'",
                cut,
                id);
    }

    private static Rebuild row(ResultSet rs, int index) throws SQLException {
        return new Rebuild(
                rs.getObject("id", UUID.class),
                rs.getString("projection"),
                rs.getObject("rebuilt_tenant_id", UUID.class),
                rs.getString("status"),
                rs.getLong("events_replayed"),
                (Long) rs.getObject("start_position"),
                (Long) rs.getObject("position"),
                (Long) rs.getObject("head_position"),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("finished_at")),
                rs.getString("error"),
                rs.getString("node_id"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
