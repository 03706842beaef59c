package dev.tenantcore.api.ordering;

import dev.tenantcore.api.payments.PaymentId;
import org.axonframework.serialization.Revision;

/**
 * A payment succeeded for an order that was no longer waiting for one (it was already paid,
 * cancelled or expired); the payment saga gives that money back.
 */
@Revision("1")
public record OrderPaymentRefusedEvent(OrderId orderId, PaymentId paymentId, OrderStatus status) {}
