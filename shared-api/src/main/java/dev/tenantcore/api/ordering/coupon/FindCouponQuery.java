package dev.tenantcore.api.ordering.coupon;

public record FindCouponQuery(CouponId couponId) {}
