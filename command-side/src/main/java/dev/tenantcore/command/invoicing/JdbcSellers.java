package dev.tenantcore.command.invoicing;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.invoicing.InvoiceParty;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** {@link Sellers} from the platform's tenant table: the display name the tenant chose, else its name. */
@Component
class JdbcSellers implements Sellers {

    private final JdbcTemplate jdbc;

    JdbcSellers(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public InvoiceParty of(TenantId tenant) {
        return jdbc
                .query(
                        "SELECT coalesce(settings->>'displayName', name) FROM platform_tenants WHERE id = ?",
                        (rs, row) -> InvoiceParty.named(rs.getString(1)),
                        tenant.value())
                .stream()
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no tenant " + tenant));
    }
}
