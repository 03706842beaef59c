package dev.tenantcore.api.payments;

import java.util.UUID;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The provider did not refund the refund {@code refundId}; ignored unless the payment still waits for it. */
public record FailPaymentRefundCommand(
        @TargetAggregateIdentifier PaymentId paymentId, UUID refundId, String reason) {}
