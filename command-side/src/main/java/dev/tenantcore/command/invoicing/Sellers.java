package dev.tenantcore.command.invoicing;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.invoicing.InvoiceParty;

/** Who sells: the tenant as it presents itself now, written onto each invoice it drafts. */
public interface Sellers {

    InvoiceParty of(TenantId tenant);
}
