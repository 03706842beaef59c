package dev.tenantcore.api.payments;

import org.axonframework.serialization.Revision;

/**
 * The provider did not close the given-up payment (it was paid meanwhile, say, or the provider
 * could not be reached). Money that arrives for it is refunded all the same.
 */
@Revision("1")
public record PaymentCancellationFailedEvent(PaymentId paymentId, String reason) {}
