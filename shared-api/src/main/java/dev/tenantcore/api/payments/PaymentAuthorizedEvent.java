package dev.tenantcore.api.payments;

import org.axonframework.serialization.Revision;

/** The provider holds the payment's funds. */
@Revision("1")
public record PaymentAuthorizedEvent(PaymentId paymentId, String providerPaymentId) {}
