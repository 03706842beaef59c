package dev.tenantcore.api.payments;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The provider opened the payment and knows it as {@code providerPaymentId}. A payment that has a
 * reference already (the answer reported twice) changes nothing.
 */
public record CompletePaymentOpeningCommand(
        @TargetAggregateIdentifier PaymentId paymentId, String providerPaymentId) {}
