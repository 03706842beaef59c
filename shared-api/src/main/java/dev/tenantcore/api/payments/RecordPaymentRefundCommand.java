package dev.tenantcore.api.payments;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records a refund of {@code amountMinor} that the provider already made. A payment that can no
 * longer take it (refunded meanwhile through another way) stays as it is, unlike
 * {@link RefundPaymentCommand}, whose refusals are answers to a caller.
 */
public record RecordPaymentRefundCommand(
        @TargetAggregateIdentifier PaymentId paymentId, long amountMinor, String reason) {}
