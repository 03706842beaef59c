package dev.tenantcore.api.invoicing;

import dev.tenantcore.api.ordering.OrderId;
import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The invoice of a paid order: issued and paid at once. */
public record InvoiceOrderCommand(
        @TargetAggregateIdentifier InvoiceId invoiceId,
        OrderId orderId,
        String currency,
        InvoiceParty buyer,
        List<InvoiceLineRequest> lines)
        implements InvoiceDraftCommand {}
