package dev.tenantcore.api.payments;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/** Gives back {@code amountMinor} of a paid payment, or all that remains when it is null. */
public record RefundPaymentCommand(
        @TargetAggregateIdentifier PaymentId paymentId,
        @TargetAggregateVersion Long expectedVersion,
        Long amountMinor,
        String reason) {}
