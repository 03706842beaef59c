package dev.tenantcore.api.ordering;

import org.axonframework.serialization.Revision;

/**
 * The order was cancelled and its reserved stock released. {@code refundRequired} is true when it
 * had been paid: the payments slice refunds it and then marks it refunded.
 */
@Revision("1")
public record OrderCancelledEvent(OrderId orderId, String reason, boolean refundRequired) {}
