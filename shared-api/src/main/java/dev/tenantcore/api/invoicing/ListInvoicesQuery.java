package dev.tenantcore.api.invoicing;

import java.time.Instant;

/**
 * One page of a tenant's invoices and credit notes, newest first. Every filter is optional;
 * {@code number} matches exactly; {@code issuedFrom} is inclusive and {@code issuedBefore} exclusive.
 */
public record ListInvoicesQuery(
        InvoiceStatus status,
        InvoiceKind kind,
        String number,
        Instant issuedFrom,
        Instant issuedBefore,
        int limit,
        String cursor) {}
