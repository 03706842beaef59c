package dev.tenantcore.api.ordering;

import dev.tenantcore.api.common.UserId;

/** One order; with {@code customerId} set, only if it is that customer's. */
public record FindOrderQuery(OrderId orderId, UserId customerId) {}
