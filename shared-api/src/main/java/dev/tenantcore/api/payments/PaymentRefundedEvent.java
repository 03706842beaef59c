package dev.tenantcore.api.payments;

import dev.tenantcore.api.common.Money;
import org.axonframework.serialization.Revision;

/**
 * {@code amount} of a paid payment was given back; {@code refundedMinor} is all refunded so far,
 * and {@code fully} tells whether nothing remains (the payment is then refunded).
 */
@Revision("1")
public record PaymentRefundedEvent(
        PaymentId paymentId, Money amount, long refundedMinor, boolean fully, String reason) {}
