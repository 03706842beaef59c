package dev.tenantcore.command.ordering;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.infra.tenancy.TenantDirectory;
import dev.tenantcore.infra.tenancy.TenantEntry;
import org.springframework.stereotype.Component;

/**
 * Tax rates from the in-memory {@link TenantDirectory}, so pricing an order costs no query. A
 * settings change reaches it when the directory reloads (notified by the tenant projection), a
 * moment after the change is accepted; a tenant the directory does not know yet charges none.
 */
@Component
class DirectoryTaxRates implements TaxRates {

    private final TenantDirectory directory;

    DirectoryTaxRates(TenantDirectory directory) {
        this.directory = directory;
    }

    @Override
    public int basisPointsOf(TenantId tenant) {
        return directory.byId(tenant).map(TenantEntry::taxRateBasisPoints).orElse(0);
    }
}
