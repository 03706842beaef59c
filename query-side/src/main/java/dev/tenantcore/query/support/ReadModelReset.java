package dev.tenantcore.query.support;

import dev.tenantcore.api.common.TenantId;
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

    /**
     * The tenant whose rows a reset on this thread removes instead of emptying the tables: set by
     * {@link ReadModel#resetTenant} while a per-tenant rebuild runs the projection's own reset
     * handlers, so the projection names its tables once, for both kinds of reset.
     */
    private static final ThreadLocal<TenantId> ONLY_TENANT = new ThreadLocal<>();

    private final JdbcTemplate jdbc;

    ReadModelReset(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Truncates these read tables together, for every tenant; the database refuses any other table. */
    public void truncate(String... tables) {
        TenantId tenant = ONLY_TENANT.get();
        if (tenant != null) {
            // V50: deletes only this tenant's rows, and only in the transaction working for it.
            jdbc.queryForObject(
                    "SELECT delete_tenant_read_rows(?, CAST(? AS text[]))", Long.class, tenant.value(), tables);
            return;
        }
        jdbc.queryForObject("SELECT reset_read_tables(CAST(? AS text[]))", Integer.class, (Object) tables);
    }

    /** Runs {@code resets} so that every reset in them removes only {@code tenant}'s rows. */
    void forTenant(TenantId tenant, Runnable resets) {
        ONLY_TENANT.set(tenant);
        try {
            resets.run();
        } finally {
            ONLY_TENANT.remove();
        }
    }
}
