package dev.tenantcore.api.invoicing;

import dev.tenantcore.api.tenancy.TenantSettingsResponse;

/** The invoice as a PDF in the tenant's branding, as {@code byte[]}: what a mail attaches. */
public record RenderInvoiceDocumentQuery(InvoiceResponse invoice, TenantSettingsResponse settings) {}
