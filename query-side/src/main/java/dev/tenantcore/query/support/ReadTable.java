package dev.tenantcore.query.support;

import dev.tenantcore.api.common.TenantId;
import java.time.Instant;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * The main table of a projection, one row per aggregate, keyed by the aggregate's typed id. Every
 * write is versioned ({@link VersionedRows}) and is then reported to the projection with whether it
 * changed the row, so that the projection states once how its subscribers hear of a row (on every
 * write, or only on a change) instead of after each handler's write.
 *
 * <p>Column names are always constants of the calling projection, never input.
 */
public final class ReadTable<I> {

    private final VersionedRows rows;
    private final String table;
    private final Function<I, UUID> key;
    private final BiConsumer<I, Boolean> written;

    ReadTable(VersionedRows rows, String table, Function<I, UUID> key, BiConsumer<I, Boolean> written) {
        this.rows = rows;
        this.table = table;
        this.key = key;
        this.written = written;
    }

    /** The row the aggregate's creation writes, under the tenant named in the event. */
    public VersionedRows.Insert insert(TenantId tenant, I id) {
        return announced(id, rows.insert(table, tenant).value("id", key.apply(id)));
    }

    /** A change to the row of {@code id}, applied only for a newer event. */
    public VersionedRows.Update update(I id) {
        return announced(id, rows.update(table, key.apply(id)));
    }

    private <W extends VersionedRows.Write> W announced(I id, W write) {
        write.then(changed -> written.accept(id, changed));
        return write;
    }

    /**
     * The write of most events of a status machine: the row moves to {@code status} (its wire name),
     * and its version moves with the aggregate's.
     */
    public VersionedRows.Update transition(I id, String status) {
        return update(id).set("status", status);
    }

    /** {@link #transition}, also setting the one column the event adds (a reason, a date). */
    public boolean transition(I id, String status, String column, Object value, long sequence, Instant at) {
        return transition(id, status).set(column, value).apply(sequence, at);
    }

    /** An event that changes one column of the row. */
    public boolean set(I id, String column, Object value, long sequence, Instant at) {
        return update(id).set(column, value).apply(sequence, at);
    }
}
