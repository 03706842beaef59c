package dev.tenantcore.api.invoicing;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Changes a draft; a null field stays as it was. */
public record UpdateInvoiceDraftCommand(
        @TargetAggregateIdentifier InvoiceId invoiceId,
        @TargetAggregateVersion Long expectedVersion,
        String currency,
        InvoiceParty buyer,
        List<InvoiceLineRequest> lines) {}
