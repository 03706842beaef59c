package dev.tenantcore.api.ordering.coupon;

import java.time.Instant;

/** Whether a storefront's visitor may try {@code code} at {@code at}. */
public record CheckCouponQuery(String code, Instant at) {}
