package dev.tenantcore.infra.audit;

import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.axonframework.common.DateTimeUtils;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The caller's tenant's events, read from {@code tenant_event_log} (migration {@code V39}), never
 * from the event table itself: the view filters on the tenant set for the transaction, so another
 * tenant's event cannot be read here whatever the arguments. Every read runs in its own read-only
 * transaction begun with the thread's tenant.
 */
@Component
public class TenantEventLog {

    /** Rows the driver holds at once while streaming: memory stays flat however long the stream. */
    public static final int FETCH_SIZE = 500;

    private static final String SELECT = "SELECT global_index, event_identifier, type, aggregate_identifier,"
            + " sequence_number, payload_type, payload_revision, time_stamp, payload, meta_data ";
    private static final String COLUMNS = SELECT + "FROM tenant_event_log ";
    /** A page of the stream after a position, read on the index (migration {@code V56}). */
    private static final String PAGE = SELECT + "FROM tenant_event_page(?, ?)";

    private static final RowMapper<StoredEvent> ROW = (rs, index) -> StoredEvent.of(rs);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;

    TenantEventLog(JdbcTemplate jdbc, TenantAwareTransactionManager transactions) {
        this.jdbc = jdbc;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /** Events of one aggregate of the tenant after {@code afterSequence}, oldest first, at most {@code limit}. */
    public List<StoredEvent> history(String aggregateType, String aggregateId, long afterSequence, int limit) {
        return readOnly.execute(status -> jdbc.query(
                COLUMNS + "WHERE aggregate_identifier = ? AND type = ? AND sequence_number > ?"
                        + " ORDER BY sequence_number LIMIT ?",
                ROW,
                aggregateId,
                aggregateType,
                afterSequence,
                limit));
    }

    /**
     * The global position of the tenant's event of that aggregate and sequence number, read in the
     * caller's transaction (so an event it has just appended is found), or empty if there is none.
     */
    public Optional<Long> position(String aggregateId, long sequence) {
        return jdbc
                .query(
                        "SELECT global_index FROM tenant_event_log WHERE aggregate_identifier = ? AND sequence_number = ?",
                        (rs, row) -> rs.getLong(1),
                        aggregateId,
                        sequence)
                .stream()
                .findFirst();
    }

    /**
     * Calls {@code each} with every event of the tenant that passes {@code filter}, in the order of
     * the store, from a server-side cursor: the driver fetches {@value #FETCH_SIZE} rows at a time
     * and nothing collects them. Stops after {@code limit} events when it is positive.
     */
    public void stream(EventFilter filter, long limit, Consumer<StoredEvent> each) {
        if (limit > 0 && limit <= Integer.MAX_VALUE && unfiltered(filter)) {
            // A page of everything after a position (a rebuild's page): through the view it would
            // read and sort the whole rest of the stream to return the first events of it.
            run(PAGE, List.of(filter.after(), (int) limit), each);
            return;
        }
        StringBuilder sql = new StringBuilder(COLUMNS).append("WHERE global_index > ?");
        List<Object> args = new ArrayList<>();
        args.add(filter.after());
        if (filter.aggregateType() != null) {
            sql.append(" AND type = ?");
            args.add(filter.aggregateType());
        }
        if (filter.type() != null) {
            sql.append(" AND payload_type LIKE ?");
            args.add("%." + filter.type());
        }
        if (filter.user() != null) {
            sql.append(" AND convert_from(meta_data, 'UTF8')::json ->> 'userId' = ?");
            args.add(filter.user().toString());
        }
        // Axon stores instants as ISO-8601 text in UTC with a fixed number of digits, so in the
        // same form text order is time order.
        if (filter.from() != null) {
            sql.append(" AND time_stamp >= ?");
            args.add(DateTimeUtils.formatInstant(filter.from()));
        }
        if (filter.to() != null) {
            sql.append(" AND time_stamp < ?");
            args.add(DateTimeUtils.formatInstant(filter.to()));
        }
        sql.append(" ORDER BY global_index");
        if (limit > 0) {
            sql.append(" LIMIT ?");
            args.add(limit);
        }
        run(sql.toString(), args, each);
    }

    private static boolean unfiltered(EventFilter filter) {
        return filter.aggregateType() == null
                && filter.type() == null
                && filter.user() == null
                && filter.from() == null
                && filter.to() == null;
    }

    private void run(String sql, List<Object> args, Consumer<StoredEvent> each) {
        readOnly.executeWithoutResult(status -> jdbc.query(
                connection -> {
                    var statement = connection.prepareStatement(sql);
                    statement.setFetchSize(FETCH_SIZE);
                    for (int i = 0; i < args.size(); i++) {
                        statement.setObject(i + 1, args.get(i));
                    }
                    return statement;
                },
                (RowCallbackHandler) rs -> each.accept(StoredEvent.of(rs))));
    }
}
