package dev.tenantcore.api.ordering.coupon;

/** Newest first; {@code status} null for every coupon. */
public record ListCouponsQuery(CouponStatus status, int limit, String cursor) {}
