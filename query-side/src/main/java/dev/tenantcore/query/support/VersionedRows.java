package dev.tenantcore.query.support;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.SqlParameterValue;

/**
 * Versioned writes of read-model rows: the one way projections insert and change a row.
 *
 * <p>A row's {@code version} is the sequence number of the last event of its aggregate applied to
 * it. Every write applies only when the event is newer than the row, so an event delivered twice
 * (Axon delivers at least once) or replayed over existing rows changes nothing and reports "not
 * changed", which also keeps subscribers from hearing of it again. Rows are found by {@code id}
 * alone: row-level security confines every statement to the tenant of the message being handled.
 *
 * <p>Table and column names are always constants of the calling projection, never input.
 */
public class VersionedRows {

    private final JdbcTemplate jdbc;
    private final TenantAwareTransactionManager transactions;
    private final JsonColumns json;
    private final PendingWrites pending;

    VersionedRows(
            JdbcTemplate jdbc, TenantAwareTransactionManager transactions, JsonColumns json, PendingWrites pending) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
        this.pending = pending;
    }

    /** A new row of a platform-level table (no {@code tenant_id}), keyed by {@code id} alone. */
    public Insert insert(String table) {
        return new Insert(table, "id");
    }

    /**
     * A new row of a tenant table, written under {@code tenant}: the row belongs to the tenant named
     * in the event, even when the command came from another scope (a platform operator registering
     * a tenant's owner), so the transaction is switched to it first.
     */
    public Insert insert(String table, TenantId tenant) {
        // Held writes were made under the tenant the transaction had; they are sent before it changes.
        pending.flush();
        transactions.bind(tenant);
        return new Insert(table, "tenant_id, id").value("tenant_id", tenant.value());
    }

    /** A change to the row {@code id} of {@code table}, applied only for a newer event. */
    public Update update(String table, UUID id) {
        return new Update(table, id);
    }

    /**
     * What inserts and updates share: whoever waits for the write hears whether it changed the row.
     * Inside a rebuild's batch ({@link ReadModel#batched}) the write is held and sent with the others
     * of its run: {@code apply} then answers true, and {@code then} hears the real answer once the
     * batch has run.
     */
    abstract class Write {

        private Consumer<Boolean> then = changed -> {};

        /** {@code then} hears, once the row is written, whether it changed ({@link ReadTable}). */
        void then(Consumer<Boolean> then) {
            this.then = then;
        }

        boolean written(boolean changed) {
            then.accept(changed);
            return changed;
        }

        boolean send(String sql, Object[] args) {
            if (pending.open()) {
                pending.hold(sql, args, this);
                return true;
            }
            return written(jdbc.update(sql, args) > 0);
        }
    }

    /** Adds one event's version and time to a row, in the same statement as its change. */
    public final class Insert extends Write {

        private final String table;
        private final String key;
        private final List<String> keyColumns;
        private final List<String> columns = new ArrayList<>();
        private final List<String> placeholders = new ArrayList<>();
        private final List<Object> args = new ArrayList<>();

        private Insert(String table, String key) {
            this.table = table;
            this.key = key;
            this.keyColumns = List.of(key.split(", "));
        }

        public Insert value(String column, Object value) {
            return column(column, "?", value);
        }

        public Insert json(String column, Object value) {
            return column(column, "CAST(? AS jsonb)", json.write(value));
        }

        /** A {@code text[]} column. */
        public Insert texts(String column, String[] values) {
            return column(column, "CAST(? AS text[])", values);
        }

        private Insert column(String column, String placeholder, Object value) {
            columns.add(column);
            placeholders.add(placeholder);
            args.add(parameter(value));
            return this;
        }

        /**
         * Writes the row created by the event {@code sequence} at {@code at}. If the row is already
         * there, it is overwritten only by a newer event: a redelivered creation never undoes the
         * changes that followed it.
         *
         * @return whether the row changed
         */
        public boolean apply(long sequence, Instant at) {
            value("version", sequence);
            value("created_at", at);
            value("updated_at", at);
            String updates = columns.stream()
                    .filter(c -> !keyColumns.contains(c))
                    .map(c -> c + " = EXCLUDED." + c)
                    .collect(Collectors.joining(", "));
            String sql = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", placeholders) + ") ON CONFLICT (" + key + ") DO UPDATE SET " + updates
                    + " WHERE " + table + ".version < EXCLUDED.version";
            return send(sql, args.toArray());
        }
    }

    /** Collects the columns an event changes, then applies them only if the event is newer. */
    public final class Update extends Write {

        private final String table;
        private final UUID id;
        private final List<String> assignments = new ArrayList<>();
        private final List<Object> args = new ArrayList<>();

        private Update(String table, UUID id) {
            this.table = table;
            this.id = id;
        }

        public Update set(String column, Object value) {
            return set(column, "?", value);
        }

        public Update json(String column, Object value) {
            return set(column, "CAST(? AS jsonb)", json.write(value));
        }

        /** A {@code text[]} column. */
        public Update texts(String column, String[] values) {
            return set(column, "CAST(? AS text[])", (Object) values);
        }

        /**
         * Sets a column to an SQL expression of the row and the given values, such as
         * {@code COALESCE(?, name)} to keep the stored value when the event has none.
         */
        public Update set(String column, String expression, Object... values) {
            assignments.add(column + " = " + expression);
            for (Object value : values) {
                args.add(parameter(value));
            }
            return this;
        }

        /**
         * Applies the change of the event {@code sequence} at {@code at}, which also becomes the
         * row's version, unless the row already reflects that event or a later one.
         *
         * @return whether the row changed; false for a replayed event or a row that does not exist
         */
        public boolean apply(long sequence, Instant at) {
            set("version", sequence);
            set("updated_at", at);
            String sql = "UPDATE " + table + " SET " + String.join(", ", assignments) + " WHERE id = ? AND version < ?";
            List<Object> all = new ArrayList<>(args);
            all.add(id);
            all.add(sequence);
            return send(sql, all.toArray());
        }
    }

    /**
     * Binds what the driver cannot guess: an {@code Instant} as {@code timestamptz}, and a null as
     * an untyped parameter so the server infers its type without a round trip to ask for it.
     */
    static Object parameter(Object value) {
        if (value == null) {
            return new SqlParameterValue(Types.OTHER, null);
        }
        if (value instanceof Instant instant) {
            return Sql.timestamp(instant);
        }
        return value;
    }
}
