package dev.tenantcore.query.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.tenancy.TenantAwareTransactionManager;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BiPredicate;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

/**
 * Everything a projection needs to keep its read tables, in one collaborator: versioned row
 * writes ({@link VersionedRows}), updates to subscription queries ({@link QueryUpdates}), JSON
 * columns ({@link JsonColumns}), keyset pages ({@link KeysetPage}) on {@link #jdbc()}, and the
 * reset before a replay ({@link ReadModelReset}).
 */
@Component
public class ReadModel {

    private final JdbcTemplate jdbc;
    private final JsonColumns json;
    private final VersionedRows rows;
    private final QueryUpdates updates;
    private final ReadModelReset resets;
    private final PendingWrites pending;

    public ReadModel(
            JdbcTemplate jdbc,
            TenantAwareTransactionManager transactions,
            QueryUpdateEmitter emitter,
            ObjectMapper objectMapper) {
        this.pending = new PendingWrites(jdbc.getDataSource());
        this.jdbc = new FlushingJdbcTemplate(jdbc, pending);
        this.json = new JsonColumns(objectMapper);
        this.rows = new VersionedRows(this.jdbc, transactions, json, pending);
        this.updates = new QueryUpdates(emitter);
        this.resets = new ReadModelReset(this.jdbc);
    }

    /**
     * For reads: queries and keyset pages. Writes go through {@link #insert} and {@link #update}.
     * Every statement run through it first sends the writes a {@link #batched} run holds back.
     */
    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /**
     * The one row {@code sql} selects, mapped, or null when there is none: what a query handler for
     * a single resource answers, null being "not found" to its endpoint.
     */
    public <T> T findOne(String sql, RowMapper<T> mapper, Object... args) {
        return jdbc.query(sql, mapper, args).stream().findFirst().orElse(null);
    }

    /**
     * Removes the row of a deleted aggregate and ends the subscriptions waiting on it, so a caller
     * waiting to read its own write learns that there is nothing more to read.
     */
    public <Q> void delete(String table, UUID id, Class<Q> queryType, Predicate<? super Q> waitingOn) {
        jdbc.update("DELETE FROM " + table + " WHERE id = ?", id);
        updates.complete(queryType, waitingOn);
    }

    public JsonColumns json() {
        return json;
    }

    /**
     * The projection's table of aggregates: {@code key} is the column {@code id} of an aggregate id,
     * and {@code written} hears of every write with whether it changed the row (see {@link
     * ReadTable}).
     */
    public <I> ReadTable<I> table(String table, Function<I, UUID> key, BiConsumer<I, Boolean> written) {
        return new ReadTable<>(rows, table, key, written);
    }

    /** See {@link VersionedRows#insert(String, TenantId)}. */
    public VersionedRows.Insert insert(String table, TenantId tenant) {
        return rows.insert(table, tenant);
    }

    /** See {@link VersionedRows#insert(String)}. */
    public VersionedRows.Insert insert(String table) {
        return rows.insert(table);
    }

    /** See {@link VersionedRows#update(String, UUID)}. */
    public VersionedRows.Update update(String table, UUID id) {
        return rows.update(table, id);
    }

    /** See {@link QueryUpdates#publish}. */
    public <Q, R> void publish(Class<Q> queryType, Supplier<R> current, BiPredicate<? super Q, ? super R> interested) {
        updates.publish(queryType, current, interested);
    }

    /** See {@link QueryUpdates#publishIf}. */
    public <Q, R> void publishIf(
            boolean changed, Class<Q> queryType, Supplier<R> current, BiPredicate<? super Q, ? super R> interested) {
        updates.publishIf(changed, queryType, current, interested);
    }

    /** See {@link QueryUpdates#complete}. */
    public <Q> void complete(Class<Q> queryType, Predicate<? super Q> filter) {
        updates.complete(queryType, filter);
    }

    /** See {@link ReadModelReset#truncate}. */
    public void reset(String... tables) {
        resets.truncate(tables);
    }

    /**
     * Runs {@code work} (events applied to a projection inside one transaction: a rebuild's page)
     * with the versioned writes of {@link #insert}, {@link #update} and {@link #table} held back and
     * sent as JDBC batches, at the end and before any other statement run through this read model
     * ({@link PendingWrites}), so the order of effects is the one of the handlers. Only for a
     * projection that reaches the database through this read model alone: a statement sent past it
     * (a template or connection of its own) could overtake a held write. Each write's {@code then}
     * hears its result after its batch has run, still inside the transaction.
     */
    public void batched(Runnable work) {
        pending.during(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs {@code resetHandlers} (projections' own {@code @ResetHandler}s) so that their resets
     * remove only {@code tenant}'s rows of the tables they name, in the current transaction, which
     * must work for that tenant: the start of a per-tenant rebuild.
     */
    public void resetTenant(TenantId tenant, Runnable resetHandlers) {
        resets.forTenant(tenant, resetHandlers);
    }
}
