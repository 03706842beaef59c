package dev.tenantcore.api.invoicing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record VoidInvoiceCommand(
        @TargetAggregateIdentifier InvoiceId invoiceId,
        @TargetAggregateVersion Long expectedVersion,
        String reason) {}
