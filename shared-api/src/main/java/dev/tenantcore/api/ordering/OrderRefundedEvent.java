package dev.tenantcore.api.ordering;

import dev.tenantcore.api.payments.PaymentId;
import org.axonframework.serialization.Revision;

/**
 * The order's money was given back in full: that of a cancelled paid order, or, when
 * {@code paymentId} is set, that of the payment which paid the order, refunded while it was paid.
 */
@Revision("1")
public record OrderRefundedEvent(OrderId orderId, PaymentId paymentId) {

    /** A cancelled paid order's refund is settled; also how events from before paymentId read. */
    public OrderRefundedEvent(OrderId orderId) {
        this(orderId, null);
    }
}
