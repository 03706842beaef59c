package dev.tenantcore.api.payments;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.axonframework.modelling.command.TargetAggregateVersion;

/**
 * Staff's own bookkeeping on a payment: {@code reference} (a bank transfer number, say) and an
 * internal {@code note}. A {@code null} keeps the current value, an empty text removes it.
 */
public record AnnotatePaymentCommand(
        @TargetAggregateIdentifier PaymentId paymentId,
        @TargetAggregateVersion Long expectedVersion,
        String reference,
        String note) {}
