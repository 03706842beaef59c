package dev.tenantcore.api.payments;

import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.OrderId;
import java.time.Instant;

/**
 * A payment. {@code reference} and {@code note} are staff's own; {@code note} is always null for
 * customers.
 */
public record PaymentResponse(
        PaymentId id,
        OrderId orderId,
        UserId customerId,
        PaymentProviderKind provider,
        String providerPaymentId,
        PaymentStatus status,
        Money amount,
        long refundedMinor,
        String failureReason,
        String reference,
        String note,
        long version,
        Instant createdAt,
        Instant updatedAt) {}
