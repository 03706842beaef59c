package dev.tenantcore.api.payments;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Gives back {@code amountMinor} of a paid payment, or all that remains when it is null. A manual
 * payment is refunded at once (staff hand the money back); any other is asked of its provider
 * after the command's transaction, one refund at a time.
 */
public record RefundPaymentCommand(
        @TargetAggregateIdentifier PaymentId paymentId,
        @TargetAggregateVersion Long expectedVersion,
        Long amountMinor,
        String reason) {}
