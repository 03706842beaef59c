package dev.tenantcore.api.payments;

import dev.tenantcore.api.common.Money;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/**
 * A refund of {@code amount} was asked of the payment's provider; {@code refundId} is the provider's
 * idempotency key, so asking again (a retry after a timeout) can never refund twice. Until it is
 * refunded or fails, no other refund of the payment starts.
 */
@Revision("1")
public record PaymentRefundRequestedEvent(PaymentId paymentId, UUID refundId, Money amount, String reason) {}
