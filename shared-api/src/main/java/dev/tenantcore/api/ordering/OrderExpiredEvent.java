package dev.tenantcore.api.ordering;

import org.axonframework.serialization.Revision;

/** No payment arrived within the tenant's payment window: the order ended and its stock was released. */
@Revision("1")
public record OrderExpiredEvent(OrderId orderId) {}
