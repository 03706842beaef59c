package dev.tenantcore.api.payments;

import org.axonframework.serialization.Revision;

/**
 * The provider opened the payment (a Stripe PaymentIntent, a PayPal order, a BTCPay invoice) and
 * knows it as {@code providerPaymentId}; the buyer can pay from now on.
 */
@Revision("1")
public record PaymentOpenedEvent(PaymentId paymentId, String providerPaymentId) {}
