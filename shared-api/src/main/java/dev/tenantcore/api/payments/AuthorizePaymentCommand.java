package dev.tenantcore.api.payments;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The provider holds the funds; capturing them makes the payment paid. */
public record AuthorizePaymentCommand(
        @TargetAggregateIdentifier PaymentId paymentId,
        @TargetAggregateVersion Long expectedVersion,
        String providerPaymentId) {}
