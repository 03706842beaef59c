package dev.tenantcore.command.ordering;

import dev.tenantcore.api.common.TenantId;

/** The tax rate a tenant charges on orders, in basis points (2100 = 21 %). */
public interface TaxRates {

    int basisPointsOf(TenantId tenant);
}
