package dev.tenantcore.api.payments;

import org.axonframework.serialization.Revision;

/** The provider closed the given-up payment: the buyer can no longer pay it there. */
@Revision("1")
public record PaymentCancelledEvent(PaymentId paymentId, String providerPaymentId) {}
