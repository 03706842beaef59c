package dev.tenantcore.api.payments;

import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.OrderId;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Opens a payment of {@code amount} for an order of {@code customerId}; {@code providerPaymentId}
 * is the provider's reference when the provider created one up front (null for manual payments).
 */
public record CreatePaymentCommand(
        @TargetAggregateIdentifier PaymentId paymentId,
        OrderId orderId,
        UserId customerId,
        Money amount,
        PaymentProviderKind provider,
        String providerPaymentId) {}
