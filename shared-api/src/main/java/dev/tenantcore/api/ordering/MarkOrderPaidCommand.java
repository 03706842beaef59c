package dev.tenantcore.api.ordering;

import dev.tenantcore.api.payments.PaymentId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Marks an order paid: by staff (then {@code paymentId} is null and a non-pending order is a
 * conflict) or by the payment saga for a payment that succeeded, which a non-pending order refuses
 * with an {@link OrderPaymentRefusedEvent} so the money can be given back.
 */
public record MarkOrderPaidCommand(
        @TargetAggregateIdentifier OrderId orderId,
        @TargetAggregateVersion Long expectedVersion,
        PaymentId paymentId) {

    public MarkOrderPaidCommand(OrderId orderId, Long expectedVersion) {
        this(orderId, expectedVersion, null);
    }
}
