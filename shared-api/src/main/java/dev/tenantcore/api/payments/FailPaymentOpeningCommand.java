package dev.tenantcore.api.payments;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The provider could not open the payment. A payment that is no longer waiting to be opened (opened
 * meanwhile, or already failed or expired) changes nothing.
 */
public record FailPaymentOpeningCommand(
        @TargetAggregateIdentifier PaymentId paymentId, String reason) {}
