package dev.tenantcore.api.ordering;

import dev.tenantcore.api.common.UserId;
import dev.tenantcore.api.ordering.coupon.CouponId;
import java.time.Instant;
import java.util.List;

/**
 * {@code couponId}, {@code couponCode}: the coupon the order was placed with, whose discount its
 * totals and lines carry; null without one.
 */
public record OrderResponse(
        OrderId id,
        long number,
        UserId customerId,
        OrderStatus status,
        boolean refundRequired,
        List<OrderLine> lines,
        OrderTotals totals,
        CouponId couponId,
        String couponCode,
        OrderAddress billing,
        OrderAddress shipping,
        List<OrderHistoryEntry> history,
        long version,
        Instant placedAt,
        Instant updatedAt) {}
