package dev.tenantcore.api.ordering;

import org.axonframework.serialization.Revision;

/** The money of a cancelled paid order was given back in full. */
@Revision("1")
public record OrderRefundedEvent(OrderId orderId) {}
