package dev.tenantcore.api.ordering;

import dev.tenantcore.api.payments.PaymentId;
import org.axonframework.serialization.Revision;

/** The order's money arrived: through {@code paymentId}, or confirmed by staff when that is null. */
@Revision("1")
public record OrderPaidEvent(OrderId orderId, PaymentId paymentId) {

    public OrderPaidEvent(OrderId orderId) {
        this(orderId, null);
    }
}
