package dev.tenantcore.query.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.query.support.ProjectionContract;
import java.util.List;
import java.util.Map;

/**
 * {@code platform_tenants} is platform-level (the edge reads it before any tenant is known), so it
 * has no row-level security: here "each tenant's own rows" means each tenant's events change its
 * own row only, found by the tenant's id.
 */
abstract class PlatformTenantProjectionContract extends ProjectionContract<TenantProjection> {

    PlatformTenantProjectionContract() {
        super(TenantProjection::new, "platform_tenants");
    }

    @Override
    protected List<Map<String, Object>> rowsOf(TenantId tenant, String table) {
        return db.rows(null, table).stream()
                .filter(row -> tenant.value().equals(row.get("id")))
                .toList();
    }

    @Override
    protected void assertOwnedBy(TenantId tenant, List<Map<String, Object>> rows, String table) {
        assertThat(rows)
                .singleElement()
                .satisfies(row -> assertThat(row.get("id")).isEqualTo(tenant.value()));
    }

    @Override
    protected void assertNoRowWithoutTenant() {
        // Platform-level by design: nothing to hide from a caller without a tenant.
    }
}
