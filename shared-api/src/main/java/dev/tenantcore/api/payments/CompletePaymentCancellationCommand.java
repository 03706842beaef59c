package dev.tenantcore.api.payments;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider closed the given-up payment. Reported twice, it changes nothing the second time. */
public record CompletePaymentCancellationCommand(
        @TargetAggregateIdentifier PaymentId paymentId) {}
