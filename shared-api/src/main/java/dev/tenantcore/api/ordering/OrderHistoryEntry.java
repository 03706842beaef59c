package dev.tenantcore.api.ordering;

import dev.tenantcore.api.common.UserId;
import java.time.Instant;

/** One transition of an order; {@code from} is null for its placement. */
public record OrderHistoryEntry(OrderStatus from, OrderStatus to, UserId by, Instant at, String note) {}
