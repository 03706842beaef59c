package dev.tenantcore.api.payments;

import dev.tenantcore.api.common.Money;
import dev.tenantcore.api.common.TenantId;
import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.OrderId;
import org.axonframework.serialization.Revision;

/**
 * A payment of an order's total was started with a provider. {@code providerPaymentId} is set only
 * in payments recorded before providers were asked after the fact; today the reference arrives
 * with {@link PaymentOpenedEvent}.
 */
@Revision("1")
public record PaymentCreatedEvent(
        PaymentId paymentId,
        TenantId tenantId,
        OrderId orderId,
        UserId customerId,
        Money amount,
        PaymentProviderKind provider,
        String providerPaymentId) {}
