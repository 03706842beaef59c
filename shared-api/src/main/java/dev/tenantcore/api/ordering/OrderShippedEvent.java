package dev.tenantcore.api.ordering;

import org.axonframework.serialization.Revision;

/** The goods left: the order's reservations became stock that is no longer on hand. */
@Revision("1")
public record OrderShippedEvent(OrderId orderId) {}
