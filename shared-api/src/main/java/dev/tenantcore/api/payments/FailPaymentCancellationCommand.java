package dev.tenantcore.api.payments;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider did not close the given-up payment, for {@code reason}. */
public record FailPaymentCancellationCommand(
        @TargetAggregateIdentifier PaymentId paymentId, String reason) {}
