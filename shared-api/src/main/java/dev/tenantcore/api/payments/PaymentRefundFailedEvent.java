package dev.tenantcore.api.payments;

import dev.tenantcore.api.common.Money;
import java.util.UUID;
import org.axonframework.serialization.Revision;

/** The provider did not refund {@code amount}; the payment can be refunded again. */
@Revision("1")
public record PaymentRefundFailedEvent(PaymentId paymentId, UUID refundId, Money amount, String reason) {}
