package dev.tenantcore.api.invoicing;

import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.ordering.OrderId;
import java.util.List;
import org.axonframework.serialization.Revision;

/**
 * An invoice or credit note was written. {@code orderId} names the order it bills, if any;
 * {@code creditsInvoiceId} and {@code creditsInvoiceNumber} the invoice a credit note credits (the
 * number is null in credit notes written before it was recorded). The seller is the tenant as it
 * presented itself at that moment.
 */
@Revision("1")
public record InvoiceDraftedEvent(
        InvoiceId invoiceId,
        TenantId tenantId,
        InvoiceKind kind,
        OrderId orderId,
        InvoiceId creditsInvoiceId,
        String creditsInvoiceNumber,
        InvoiceParty seller,
        InvoiceParty buyer,
        List<InvoiceLine> lines,
        InvoiceTotals totals) {}
