package dev.tenantcore.query.support;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Empties read tables before a replay rebuilds them (each projection's {@code @ResetHandler}).
 *
 * <p>The runtime role cannot do this itself, by design: it owns no table, has no BYPASSRLS, and
 * every tenant table forces row-level security, so a {@code DELETE FROM table} in a reset (which
 * runs with no tenant set) would silently delete nothing. Looping over tenants would need a list
 * of tenants that the runtime role is not allowed to read either, and would miss rows of tenants
 * that no longer exist. Instead the migration {@code V15__read_model_reset.sql} adds one
 * {@code SECURITY DEFINER} function owned by the owner role, which truncates only the read tables
 * listed in {@code read_model_tables} (V28; the runtime role may read that list, not change it): it can empty a read model (which the event store rebuilds), but it reads
 * no row and cannot touch command-side tables, the event store or the token store.
 */
class ReadModelReset {

    private final JdbcTemplate jdbc;

    ReadModelReset(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Truncates these read tables together, for every tenant; the database refuses any other table. */
    public void truncate(String... tables) {
        jdbc.queryForObject("SELECT reset_read_tables(CAST(? AS text[]))", Integer.class, (Object) tables);
    }
}
