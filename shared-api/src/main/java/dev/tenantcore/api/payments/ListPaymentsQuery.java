package dev.tenantcore.api.payments;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.OrderId;

/** The payments of one order, newest first; with {@code customerId} set, only that customer's. */
public record ListPaymentsQuery(OrderId orderId, UserId customerId) {}
