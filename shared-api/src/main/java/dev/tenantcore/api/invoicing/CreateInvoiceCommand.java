package dev.tenantcore.api.invoicing;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** A draft invoice a billing tenant writes for one of its clients. */
public record CreateInvoiceCommand(
        @TargetAggregateIdentifier InvoiceId invoiceId,
        String currency,
        InvoiceParty buyer,
        List<InvoiceLineRequest> lines)
        implements InvoiceDraftCommand {}
