package dev.tenantcore.api.invoicing;

import dev.tenantcore.api.ordering.OrderId;
import java.time.Instant;
import java.util.List;

/** An invoice or credit note as read; {@code number} and {@code issuedAt} are null while it is a draft. */
public record InvoiceResponse(
        InvoiceId id,
        InvoiceKind kind,
        InvoiceStatus status,
        String number,
        OrderId orderId,
        InvoiceId creditsInvoiceId,
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
