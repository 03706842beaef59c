package dev.tenantcore.api.ordering;

import dev.tenantcore.api.payments.PaymentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that an order's money was given back: all of a cancelled paid order's, or, when
 * {@code paymentId} is set, all of that payment, which refunds a paid order it paid.
 */
public record MarkOrderRefundedCommand(
        @TargetAggregateIdentifier OrderId orderId, PaymentId paymentId) {

    /** The refund a cancelled paid order owed is settled. */
    public MarkOrderRefundedCommand(OrderId orderId) {
        this(orderId, null);
    }
}
