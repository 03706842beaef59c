package dev.tenantcore.api.ordering;

import dev.tenantcore.api.common.UserId;
import java.time.Instant;

/**
 * One page of a tenant's orders, newest first. Every filter is optional; {@code placedFrom} is
 * inclusive and {@code placedBefore} exclusive; totals are in minor units, both bounds inclusive.
 */
public record ListOrdersQuery(
        OrderStatus status,
        UserId customerId,
        Instant placedFrom,
        Instant placedBefore,
        Long minTotalMinor,
        Long maxTotalMinor,
        int limit,
        String cursor) {}
