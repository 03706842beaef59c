package dev.tenantcore.api.payments;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The provider reports the payment refunded in full (a refund made in its dashboard, or the
 * notification of one asked through {@link RefundPaymentCommand}): all that remains is recorded as
 * refunded. Unlike {@link RefundPaymentCommand}, nothing is asked of the provider.
 */
public record RecordPaymentRefundCommand(
        @TargetAggregateIdentifier PaymentId paymentId, String reason) {}
