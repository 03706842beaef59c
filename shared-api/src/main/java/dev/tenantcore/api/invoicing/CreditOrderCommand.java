package dev.tenantcore.api.invoicing;

import dev.tenantcore.api.ordering.OrderId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The credit note of a paid order that was cancelled, issued at once; lines as the invoice charged them. */
public record CreditOrderCommand(
        @TargetAggregateIdentifier InvoiceId creditNoteId,
        InvoiceId creditsInvoiceId,
        OrderId orderId,
        String currency,
        InvoiceParty buyer,
        List<InvoiceLineRequest> lines)
        implements InvoiceDraftCommand {}
