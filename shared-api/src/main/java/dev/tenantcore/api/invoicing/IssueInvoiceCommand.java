package dev.tenantcore.api.invoicing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

public record IssueInvoiceCommand(
        @TargetAggregateIdentifier InvoiceId invoiceId,
        @TargetAggregateVersion Long expectedVersion) {}
