package dev.tenantcore.api.payments;

import dev.tenantcore.api.ordering.OrderId;
import org.axonframework.serialization.Revision;

/** The payment will not complete. */
@Revision("1")
public record PaymentFailedEvent(PaymentId paymentId, OrderId orderId, String reason) {}
