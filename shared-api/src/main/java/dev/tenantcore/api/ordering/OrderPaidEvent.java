package dev.tenantcore.api.ordering;

import org.axonframework.serialization.Revision;

@Revision("1")
public record OrderPaidEvent(OrderId orderId) {}
