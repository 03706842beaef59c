package dev.tenantcore.api.payments;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Gives up on a payment whose order ended (expired or cancelled) before the money arrived. Unlike
 * {@link MarkPaymentFailedCommand} it refuses nothing: a payment that already succeeded or failed
 * stays as it is, since the saga that sends this cannot know what the provider did meanwhile.
 */
public record ExpirePaymentCommand(
        @TargetAggregateIdentifier PaymentId paymentId, String reason) {}
