package dev.tenantcore.api.payments;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The provider refunded the refund {@code refundId}. One the payment no longer waits for (settled
 * meanwhile by the provider's own notification, or reported twice) changes nothing.
 */
public record CompletePaymentRefundCommand(
        @TargetAggregateIdentifier PaymentId paymentId, UUID refundId) {}
