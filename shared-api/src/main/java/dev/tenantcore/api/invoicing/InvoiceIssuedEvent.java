package dev.tenantcore.api.invoicing;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The invoice got its number, the next of its tenant's series, and can no longer change. */
@Revision("1")
public record InvoiceIssuedEvent(InvoiceId invoiceId, String number, Instant issuedAt) {}
