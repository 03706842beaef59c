package dev.tenantcore.api.invoicing;

import java.time.Instant;
import org.axonframework.serialization.Revision;

@Revision("1")
public record InvoicePaidEvent(InvoiceId invoiceId, Instant paidAt) {}
