package dev.tenantcore.api.payments;

import dev.tenantcore.api.ordering.OrderId;
import org.axonframework.serialization.Revision;

/** The payment's money arrived; the order it pays can be marked paid. */
@Revision("1")
public record PaymentSucceededEvent(PaymentId paymentId, OrderId orderId, String providerPaymentId) {}
