package dev.tenantcore.api.payments;

import org.axonframework.serialization.Revision;

/**
 * The payment was given up (its order expired, was cancelled or was paid otherwise) and its provider
 * is asked to close it, so that a late buyer cannot pay it: a Stripe PaymentIntent is cancelled, a
 * BTCPay invoice marked invalid, a PayPal order left uncaptured to expire. {@code providerPaymentId}
 * is null while the provider has not opened it yet; it is then closed as soon as it opens. Money that
 * still arrives is refunded.
 */
@Revision("1")
public record PaymentCancellationRequestedEvent(PaymentId paymentId, String providerPaymentId) {}
