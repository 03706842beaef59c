package dev.tenantcore.api.ordering;

import dev.tenantcore.api.common.UserId;
import java.time.Instant;
import java.util.List;

public record OrderResponse(
        OrderId id,
        long number,
        UserId customerId,
        OrderStatus status,
        boolean refundRequired,
        List<OrderLine> lines,
        OrderTotals totals,
        OrderAddress billing,
        OrderAddress shipping,
        List<OrderHistoryEntry> history,
        long version,
        Instant placedAt,
        Instant updatedAt) {}
