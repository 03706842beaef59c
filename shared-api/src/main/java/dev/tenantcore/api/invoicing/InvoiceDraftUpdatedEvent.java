package dev.tenantcore.api.invoicing;

import java.util.List;
import org.axonframework.serialization.Revision;

/** A draft's buyer, lines and totals as they now stand. */
@Revision("1")
public record InvoiceDraftUpdatedEvent(
        InvoiceId invoiceId, InvoiceParty buyer, List<InvoiceLine> lines, InvoiceTotals totals) {}
