package dev.tenantcore.command.invoicing;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.invoicing.InvoiceId;

/** The invoices a credit note may correct, asked when the credit note is written. */
interface CreditableInvoices {

    /**
     * The number of {@code invoice}, which a credit note of {@code tenant} is about to correct;
     * refused as invalid unless it is an issued or paid invoice of that tenant.
     */
    String numberOf(InvoiceId invoice, TenantId tenant);
}
