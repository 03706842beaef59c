package dev.tenantcore.api.invoicing;

import dev.tenantcore.api.ordering.OrderId;
import java.time.Instant;
import java.util.List;

/**
 * An invoice or credit note as read; {@code number} and {@code issuedAt} are null while it is a draft.
 * A credit note names the invoice it corrects by {@code creditsInvoiceId} and {@code creditsInvoiceNumber}.
 */
public record InvoiceResponse(
        InvoiceId id,
        InvoiceKind kind,
        InvoiceStatus status,
        String number,
        OrderId orderId,
        InvoiceId creditsInvoiceId,
        String creditsInvoiceNumber,
        InvoiceParty seller,
        InvoiceParty buyer,
        List<InvoiceLine> lines,
        InvoiceTotals totals,
        String voidReason,
        Instant issuedAt,
        Instant paidAt,
        long version,
        Instant createdAt,
        Instant updatedAt) {}
