package dev.tenantcore.api.payments;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** The money arrived: staff saw it (manual) or the provider reported it. */
public record MarkPaymentSucceededCommand(
        @TargetAggregateIdentifier PaymentId paymentId,
        @TargetAggregateVersion Long expectedVersion,
        String providerPaymentId) {}
