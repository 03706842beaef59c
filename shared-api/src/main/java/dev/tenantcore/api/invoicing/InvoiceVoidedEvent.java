package dev.tenantcore.api.invoicing;

import org.axonframework.serialization.Revision;

/** A voided issued invoice keeps its number, so the series stays without gaps. */
@Revision("1")
public record InvoiceVoidedEvent(InvoiceId invoiceId, String reason) {}
